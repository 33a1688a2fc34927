/**
 * How an article is laid out in the articles table (pure: no I/O).
 *
 *   pk                  sk                        what
 *   ARTICLE#<id>        ARTICLE                   the article itself (summary, text, themes Brotli-compressed in `body`)
 *   THEME#<theme>       <publishedAt>#<id>        one per theme (pattern 1)
 *   REGION#<region>     <publishedAt>#<id>        one per region (pattern 2)
 *   DAY#<lima day>      <publishedAt>#<id>        one per article (pattern 3)
 *   FEED#<feedId>       <publishedAt>#<id>        one per feed that carried it after the first (`query --feed`)
 *
 *   WRITE#<writeId>     PENDING                   a write of new articles not finished yet (pending-writes.ts)
 *
 * Every index item carries the article's listing (title, score, themes,
 * regions, countries…), so a listing filters on any of them without a second
 * read. `countries` (ISO 3166-1 alpha-2 codes) is on the article and on each
 * index item; items stored before it existed have none and read as [] (unknown).
 *
 * An article carries `writeId`, the write that stored it; while that write's
 * pending-write item exists, its index items may not all be written yet
 * (docs/data.md, "Write protocol"). Articles stored by the previous protocol
 * may instead carry `indexPending` on themselves, with the same meaning.
 *
 * `publishedAt` in a sort key is always `Date#toISOString()` (24 characters,
 * milliseconds, Z), so sort keys order by time as strings: a Query with
 * ScanIndexForward=false lists newest first, and `sk BETWEEN from AND to`
 * selects exactly [from, to) because "<to>#<id>" sorts after "<to>".
 */
import type { Article } from '../model/article.ts';
import { countriesOf } from '../model/country.ts';
import { limaDay } from '../model/lima-time.ts';
import type { ListingItem } from './article-store.ts';
import { BODY, packBody, unpackBody } from './article-body.ts';
import { StoreError } from './errors.ts';
import { itemBytes } from './item-size.ts';

export type Item = Record<string, unknown> & { pk: string; sk: string };

/** Stored body text is capped: the tags are computed already, and an item must stay far below 400 KB. */
export const MAX_STORED_TEXT = 16_000;

export const ARTICLE_SK = 'ARTICLE';
/** The marker of the previous write protocol: an article whose index items may be incomplete. */
export const INDEX_PENDING = 'indexPending';
export const articleKey = (id: string) => ({ pk: `ARTICLE#${id}`, sk: ARTICLE_SK });
export const themePartition = (theme: string) => `THEME#${theme}`;
export const regionPartition = (region: string) => `REGION#${region}`;
export const dayPartition = (day: string) => `DAY#${day}`;
export const feedPartition = (feedId: string) => `FEED#${feedId}`;

/** An instant as it appears in sort keys; throws on a date that isn't one. */
export function sortableInstant(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new StoreError('invalid-date', `"${iso}" is not a date`);
  return new Date(time).toISOString();
}

export const indexSortKey = (publishedAt: string, id: string) => `${sortableInstant(publishedAt)}#${id}`;

/**
 * Epoch seconds after which DynamoDB's TTL deletes the article and its index
 * items: retention counts from when Centinela first saw the article, so an
 * old article still in a feed is kept (not deleted and re-added every poll).
 */
export function expiresAt(article: Article, retentionDays: number): number {
  const firstSeen = Date.parse(article.firstSeenAt);
  const from = Number.isNaN(firstSeen) ? Date.parse(article.publishedAt) : firstSeen;
  return Math.floor(from / 1000) + Math.round(retentionDays * 86_400);
}

/**
 * The article record: summary, text and themes compressed into `body`
 * (article-body.ts), text capped at MAX_STORED_TEXT, with `extra` attributes
 * (the write's `writeId`) on it. The body's packing is chosen knowing the
 * size of the rest of the record, since the write is billed per started KB
 * of the whole.
 */
export function articleItem(article: Article, retentionDays: number, extra: Record<string, unknown> = {}): Item {
  const truncated = article.text.length > MAX_STORED_TEXT;
  const { summary, text, themes, ...rest } = article;
  const record: Item = {
    ...articleKey(article.id),
    type: 'article',
    ...rest,
    ...(truncated ? { textTruncated: true } : {}),
    expiresAt: expiresAt(article, retentionDays),
    ...extra,
  };
  return Object.assign(record, packBody({ summary, text: truncated ? text.slice(0, MAX_STORED_TEXT) : text, themes }, itemBytes(record)));
}

/**
 * The index items written with an article: one per theme and region, one for
 * its day, and one per source feed other than the first (`feedId`). The first
 * feed has no FEED# item: every index item carries `feedId`, so "articles of
 * feed F" reads the DAY# items filtered on feedId = F, merged with the FEED#F
 * items (dynamodb-listings.ts, docs/data.md "Articles of one feed").
 */
export function indexItems(article: Article, retentionDays: number): Item[] {
  return indexItemsExpiring(article, expiresAt(article, retentionDays));
}

/**
 * The index items of a stored article, expiring exactly when it does (its
 * stored `expiresAt`, whatever retention the writer is configured with), so no
 * index item outlives the article it points at.
 */
export function indexItemsExpiring(article: Article, articleExpiresAt: number): Item[] {
  const sk = indexSortKey(article.publishedAt, article.id);
  const best = bestScore(article);
  const item = (pk: string, type: string, score: number): Item => ({
    pk,
    sk,
    type,
    ...listingOf(article, score),
    expiresAt: articleExpiresAt,
  });
  return [
    ...unique(article.themes.map((t) => t.theme)).map((theme) =>
      item(themePartition(theme), 'theme-index', article.themes.find((t) => t.theme === theme)!.score),
    ),
    ...unique(article.regions).map((region) => item(regionPartition(region), 'region-index', best)),
    item(dayPartition(limaDay(article.publishedAt)), 'day-index', best),
    ...laterFeedIdsOf(article).map((feedId) => item(feedPartition(feedId), 'feed-index', best)),
  ];
}

/** The feed index item for a feed that carried an already stored article (a merged source); expires with it. */
export function feedIndexItem(stored: Article, feedId: string, articleExpiresAt: number): Item {
  return {
    pk: feedPartition(feedId),
    sk: indexSortKey(stored.publishedAt, stored.id),
    type: 'feed-index',
    ...listingOf(stored, bestScore(stored)),
    expiresAt: articleExpiresAt,
  };
}

/** Every feed that carried the article, the first (`feedId`) first. */
export function feedIdsOf(article: Pick<Article, 'feedId' | 'sources'>): string[] {
  return unique([article.feedId, ...article.sources.map((s) => s.feedId)]);
}

/** The feeds that carried the article after the first one: those with a FEED# index item. */
export function laterFeedIdsOf(article: Pick<Article, 'feedId' | 'sources'>): string[] {
  return feedIdsOf(article).filter((feedId) => feedId !== article.feedId);
}

function bestScore(article: Article): number {
  return Math.max(0, ...article.themes.map((t) => t.score));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function listingOf(article: Article, score: number): ListingItem {
  return {
    articleId: article.id,
    title: article.title,
    url: article.canonicalUrl,
    feedId: article.feedId,
    feedName: article.sources.find((s) => s.feedId === article.feedId)?.feedName ?? article.sources[0]?.feedName ?? article.feedId,
    publishedAt: article.publishedAt,
    score,
    themes: unique(article.themes.map((t) => t.theme)),
    regions: unique(article.regions),
    countries: unique(article.countries),
  };
}

export function toListing(item: Record<string, unknown>): ListingItem {
  return {
    articleId: String(item.articleId),
    title: String(item.title),
    url: String(item.url),
    feedId: item.feedId === undefined ? undefined : String(item.feedId),
    feedName: String(item.feedName),
    publishedAt: String(item.publishedAt),
    score: Number(item.score),
    themes: (item.themes as string[] | undefined) ?? [],
    regions: (item.regions as string[] | undefined) ?? [],
    countries: countriesOf(item.countries),
  };
}

export function toArticle(item: Record<string, unknown>): Article {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expires, textTruncated: _truncated, [INDEX_PENDING]: _pending, writeId: _write, [BODY]: _body, ...article } = item;
  return { ...article, ...unpackBody(item), countries: countriesOf(item.countries) } as unknown as Article;
}
