/**
 * Reads what a digest needs from the article store and builds it.
 *  1. one Query per subscribed theme over the read window (the period, the
 *     previous period, the chart and, for daily digests, the 28-day spike
 *     baseline); never a Scan
 *  2. split by country: Peru's stories (and those of unknown country) make the
 *     theme sections; the subscriber's other countries a short region section
 *     (region-section.ts)
 *  3. group the home listings into stories (once per set of themes and window)
 *  4. the articles of the period (and the region stories' leads) in batch reads
 *     (BatchGetItem: 100 ids a request, a few requests in flight), for each one's
 *     lede, the snippet that says why it was tagged and the outlets merged into
 *     it; a weekly digest of every theme has a thousand and more articles in
 *     its period, and one GetItem each, all at once, queued about a thousand
 *     requests behind the SDK's 50 sockets (DynamoDB Local reset connections
 *     under it: the load bench's digest run)
 *  5. build the digest (filters, counts, ranking by outlets, sections)
 * A reader lives for one run and remembers what it read, so a hundred
 * subscribers with the same period cost one Query per theme, not a hundred.
 */
import type { Article } from '../model/article.ts';
import type { ArticleBrowser, ArticleStore, ListingItem } from '../store/article-store.ts';
import { subscribedThemes, type SubscriberPreferences } from '../subscribers/subscriber.ts';
import { PERU } from '../model/country.ts';
import { outletHost } from '../model/outlet-host.ts';
import { buildDigest } from './build-digest.ts';
import type { Digest, StoryDetails, ThemeLabel } from './digest.ts';
import { cleanText } from './clean-text.ts';
import { readWindow, type Period } from './period.ts';
import { buildRegionSection, splitByCountry } from './region-section.ts';
import { groupStories, groupsIn, indexStories, type StoryIndex } from './stories.ts';

export interface DigestCatalog {
  themes: ThemeLabel[];
  regions: { id: string; name: string }[];
}

/** `countries` defaults to Peru only. */
export type DigestProfile = Pick<SubscriberPreferences, 'themes' | 'regions' | 'lang' | 'minScore'> & Partial<Pick<SubscriberPreferences, 'countries'>>;

export interface DigestReader {
  /** The digest of `profile` for `period` (optionally only some of its themes). */
  read(profile: DigestProfile, period: Period, options?: { themes?: string[] }): Promise<Digest>;
}

/** What the reader needs of the article store: theme listings and a batch read of articles by id. */
export type DigestArticles = Pick<ArticleStore, 'listByTheme'> & Pick<ArticleBrowser, 'getArticles'>;

export function createDigestReader(articles: DigestArticles, catalog: DigestCatalog): DigestReader {
  const listings = new Map<string, Promise<ListingItem[]>>();
  const indexes = new Map<string, StoryIndex>();
  const details = new Map<string, Promise<StoryDetails | undefined>>();
  const regionNames = Object.fromEntries(catalog.regions.map((r) => [r.id, r.name]));
  const memo = <T>(cache: Map<string, T>, key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };

  /**
   * The details of the stored articles among `ids` (missing or expired ones
   * left out): those no digest of this run asked for yet in one batch read, the
   * rest from what the run read already. A failed read is not remembered, so
   * the next digest asks again.
   */
  async function detailsOf(ids: string[]): Promise<Map<string, StoryDetails>> {
    const unread = [...new Set(ids)].filter((id) => !details.has(id));
    if (unread.length > 0) {
      const batch = articles.getArticles(unread).then((found) => new Map(found.map((article) => [article.id, storyDetails(article)])));
      for (const id of unread) details.set(id, batch.then((read) => read.get(id)));
      batch.catch(() => unread.forEach((id) => details.delete(id)));
    }
    const read = await Promise.all(ids.map(async (id) => [id, await details.get(id)!] as const));
    return new Map(read.flatMap(([id, story]) => (story ? [[id, story] as const] : [])));
  }

  async function read(profile: DigestProfile, period: Period, options: { themes?: string[] } = {}): Promise<Digest> {
    const window = readWindow(period);
    const ids = subscribedThemes(profile, catalog.themes.map((t) => t.id)).filter((id) => !options.themes || options.themes.includes(id));
    const themes = catalog.themes.filter((t) => ids.includes(t.id));
    const listingsByTheme = new Map<string, ListingItem[]>();
    await Promise.all(
      themes.map(async (theme) => {
        listingsByTheme.set(theme.id, await memo(listings, `${theme.id}|${window.from}|${window.to}`, () => articles.listByTheme(theme.id, window)));
      }),
    );
    const countries = profile.countries ?? [PERU];
    const byCountry = splitByCountry(listingsByTheme, countries);
    // The home listings depend only on whether Peru was chosen: one clustering for every subscriber who chose it.
    const stories = memo(indexes, `${ids.join(',')}|${window.from}|${window.to}|${countries.includes(PERU)}`, () => indexStories(groupStories(byCountry.home)));
    const leads = new Set(groupsIn(stories, period).flatMap((group) => group.filter((m) => m.item.publishedAt >= period.from && m.item.publishedAt < period.to).map((m) => m.item.articleId)));
    const found = await detailsOf([...leads]);
    const digest = buildDigest({
      lang: profile.lang,
      period,
      themes,
      regionNames,
      listingsByTheme: byCountry.home,
      stories,
      details: found,
      filters: { regions: profile.regions, minScore: profile.minScore },
    });
    const region = buildRegionSection(byCountry.abroad, period, profile.lang, profile.minScore);
    if (region) {
      const more = await detailsOf(region.stories.map((story) => story.lead.articleId));
      for (const story of region.stories) {
        const lead = more.get(story.lead.articleId);
        if (!lead) continue;
        const theme = story.themes[0] ?? '';
        if (lead.lede) story.lede = lead.lede;
        if (lead.why?.[theme]) story.why = lead.why[theme];
        const known = new Set([story.lead.feedName, ...story.alsoIn.map((a) => a.feedName)]);
        for (const source of lead.sources) if (!known.has(source.feedName) && known.add(source.feedName)) story.alsoIn.push(source);
        story.outlets = known.size;
      }
      digest.region = region;
    }
    return digest;
  }

  return { read };
}

/** What a story shows beyond its listing: lede, why per theme, every outlet that carried it. */
export function storyDetails(article: Pick<Article, 'title' | 'summary' | 'themes' | 'sources'>): StoryDetails {
  const why: NonNullable<StoryDetails['why']> = {};
  for (const tag of article.themes) {
    const hit = whyTaggedHit(article, tag.theme);
    if (hit) why[tag.theme] = hit;
  }
  const lede = firstSentence(article.summary);
  return {
    ...(lede && !sameText(lede, article.title) ? { lede } : {}),
    why,
    sources: onePerOutlet(article.sources).map((s) => ({ feedName: s.feedName, url: s.link })),
  };
}

/**
 * The sources of one article, one per outlet (the first seen kept): an outlet
 * is the host of the source's link, or, for a source credited through an
 * aggregator (Google News), the host of the outlet's home page it names. So the
 * outlet's own feed and Google News' copy of the same story count as one
 * outlet, as do two section feeds of one site. A source with no known host is
 * its own outlet.
 */
export function onePerOutlet(sources: Article['sources']): Article['sources'] {
  const seen = new Set<string>();
  return sources.filter((source, i) => {
    const host = source.via ? outletHost(source.outletUrl) : outletHost(source.link);
    const outlet = host ?? `#${i}`;
    return !seen.has(outlet) && Boolean(seen.add(outlet));
  });
}

/** The strongest hit outside the title (a title snippet only repeats the title), with its term. */
export function whyTaggedHit(article: Pick<Article, 'themes'>, theme: string): { snippet: string; term: string } | undefined {
  const hits = article.themes.find((t) => t.theme === theme)?.hits ?? [];
  const best = [...hits].filter((h) => h.snippet).sort((a, b) => Number(a.field === 'title') - Number(b.field === 'title') || b.count - a.count)[0];
  return best ? { snippet: best.snippet, term: best.term } : undefined;
}

/** The first sentence of a summary: up to the first . ! ? or … followed by a capital, a digit or an opening mark. */
export function firstSentence(summary: string): string | undefined {
  const text = cleanText(summary);
  if (!text) return undefined;
  const end = /[.!?…](?=\s+[¿¡"“«‘'(A-ZÁÉÍÓÚÑÜ0-9])/u.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}
