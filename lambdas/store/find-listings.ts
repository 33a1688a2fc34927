/**
 * One search over the stored listings, as `centinela query` and `export` ask it:
 *  1. read one listing page by page, newest first — the feed's if a feed is
 *     given (its FEED# partition merged with the Lima days' filtered on the
 *     feed: dynamodb-listings.ts), else the theme's, else the region's, else
 *     the Lima days';
 *  2. keep the items that match the other criteria (themes, regions and
 *     countries are on every index item, so this needs no second read);
 *  3. for --text, keep items whose title contains the text (case and accents
 *     ignored), and fetch the summaries of the others in one batch per page;
 *  4. stop at the limit.
 * Why feed first: theme and region items carry only the first feed, while a
 * feed's listing also finds the articles it carried after another feed
 * stored them (their FEED# items).
 */
import type { ArticleBrowser, ListingItem, ListingSource, TimeRange } from './article-store.ts';
import { foldPhrase } from '../tagging/fold.ts';

export interface ListingQuery {
  range: TimeRange;
  theme?: string;
  region?: string;
  feedId?: string;
  /** ISO 3166-1 alpha-2 codes: keep articles about any of them. Articles whose country is unknown ([]) never match. */
  countries?: string[];
  /** Substring of the title or summary; case and accents are ignored. */
  text?: string;
  /** At most this many results; all when absent. */
  limit?: number;
}

const PAGE_SIZE = 200;

export function sourceOf(query: ListingQuery): ListingSource {
  if (query.feedId) return { by: 'feed', feedId: query.feedId };
  if (query.theme) return { by: 'theme', theme: query.theme };
  if (query.region) return { by: 'region', region: query.region };
  return { by: 'day' };
}

/** Newest first, transparently paginated. */
export async function* findListings(browser: ArticleBrowser, query: ListingQuery): AsyncGenerator<ListingItem> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const needle = query.text ? fold(query.text) : undefined;
  let found = 0;
  let cursor: string | undefined;
  do {
    const page = await browser.listPage(sourceOf(query), query.range, { limit: PAGE_SIZE, cursor });
    cursor = page.cursor;
    let matches = page.items.filter(
      (item) =>
        (!query.theme || item.themes.includes(query.theme)) &&
        (!query.region || item.regions.includes(query.region)) &&
        aboutAny(item, query.countries),
    );
    if (needle) matches = await matchingText(browser, matches, needle);
    for (const item of matches) {
      if (found >= limit) return;
      found++;
      yield item;
    }
  } while (cursor && found < limit);
}

/** True when no countries are asked for, or the item is about one of them. */
export function aboutAny(item: Pick<ListingItem, 'countries'>, countries: string[] | undefined): boolean {
  return !countries || countries.length === 0 || item.countries.some((code) => countries.includes(code));
}

export async function collectListings(browser: ArticleBrowser, query: ListingQuery): Promise<ListingItem[]> {
  const items: ListingItem[] = [];
  for await (const item of findListings(browser, query)) items.push(item);
  return items;
}

async function matchingText(browser: ArticleBrowser, items: ListingItem[], needle: string): Promise<ListingItem[]> {
  const unsure = items.filter((item) => !fold(item.title).includes(needle)).map((item) => item.articleId);
  const bySummary = new Set(
    (await browser.getArticles(unsure)).filter((a) => fold(a.summary).includes(needle)).map((a) => a.id),
  );
  const unsureSet = new Set(unsure);
  return items.filter((item) => !unsureSet.has(item.articleId) || bySummary.has(item.articleId));
}

/**
 * Lower case without accents, words joined by one space, as the tagger folds
 * them (tagging/fold.ts): "EXTORSIÓN" and "extorsion" compare equal, "año" and "ano" do not.
 */
const fold = foldPhrase;
