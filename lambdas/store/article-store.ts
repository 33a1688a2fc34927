import type { Article } from '../model/article.ts';

/** What a listing shows without a second read; index items carry exactly this. */
export interface ListingItem {
  articleId: string;
  title: string;
  url: string;
  feedName: string;
  publishedAt: string;
  /** The theme's score on a theme index item; the article's best score elsewhere. */
  score: number;
  themes: string[];
  regions: string[];
  /** ISO 3166-1 alpha-2 codes of the countries the article is about, most relevant first; [] when unknown. */
  countries: string[];
  /** The feed that first carried the article (optional only for listings built by hand). */
  feedId?: string;
}

/** [from, to) as ISO instants. */
export interface TimeRange {
  from: string;
  to: string;
}

/** "new": first time stored; "merged": a new source added; "unchanged": nothing to do. */
export type PutOutcome = 'new' | 'merged' | 'unchanged';

/** What a poll needs to know of an article already stored: where it was seen. */
export interface StoredArticle {
  sources: Article['sources'];
}

/** Where a story key leads: the article the story is stored as (store/story-items.ts). */
export interface StoryRef {
  articleId: string;
  /** That article's publishedAt, ISO 8601 UTC: a copy joins it only within a time window. */
  publishedAt: string;
}

/**
 * Stored articles by id, plus, in `stories`, the article each asked story key
 * leads to (only keys whose article is stored and visible; that article is in
 * the map too), and, in `repaired`, the ids of articles whose interrupted
 * write (stored, index not finished: docs/data.md, "Crash cases") this lookup
 * completed: their index items are written now, so listings show them.
 */
export type StoredLookup = Map<string, StoredArticle> & { readonly stories: ReadonlyMap<string, StoryRef>; readonly repaired: ReadonlySet<string> };

/** The port every stage stores and reads articles through; DynamoDB is the real adapter. */
export interface ArticleStore {
  /**
   * Which of `ids` are stored (and visible), with their sources: a few batch
   * reads whatever the number of ids. Completes, on the way, the index of any
   * of them whose write was interrupted (their ids in `repaired`; a write
   * abandoned for 15 minutes is completed whole, so `repaired` may hold ids
   * not asked for). `storyKeys` are looked up in the
   * same batch reads (see StoredLookup).
   */
  findStored(ids: string[], storyKeys?: string[]): Promise<StoredLookup>;
  /**
   * Stores a poll's articles together: new ones in batches, a new source
   * merged into a stored one, unchanged ones untouched. `known` is what
   * findStored returned for them, if the caller asked already (saves a read).
   * Outcomes in the order of `articles`.
   */
  putArticles(articles: Article[], known?: Map<string, StoredArticle>): Promise<PutOutcome[]>;
  /** putArticles of one article. */
  putArticle(article: Article): Promise<PutOutcome>;
  getArticle(id: string): Promise<Article | undefined>;
  /** Newest first. */
  listByTheme(theme: string, range: TimeRange): Promise<ListingItem[]>;
  /** Newest first. */
  listByRegion(region: string, range: TimeRange): Promise<ListingItem[]>;
  /** Newest first; `day` is a Lima calendar day, YYYY-MM-DD. */
  listByDay(day: string): Promise<ListingItem[]>;
}

/** The writes of an ArticleStore alone: what a poll needs, so the poll function bundles no listing code. */
export type ArticleWriter = Pick<ArticleStore, 'findStored' | 'putArticles' | 'putArticle'>;

/** Which index partition(s) a listing reads. */
export type ListingSource =
  | { by: 'theme'; theme: string }
  | { by: 'region'; region: string }
  /**
   * Every article the feed carried: its FEED# partition (articles it carried
   * after another feed stored them, and all stored before 2026-11-30) merged
   * with the Lima-day partitions filtered on feedId (those it stored first).
   */
  | { by: 'feed'; feedId: string }
  /** Every article, through the Lima-day partitions, newest day first. */
  | { by: 'day' };

export interface PageRequest {
  /** At most this many items (default 100). */
  limit?: number;
  /** The `cursor` of the previous page; absent for the first page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent when there is none. */
  cursor?: string;
}

/**
 * The port the CLI browses articles through: one page at a time, so a listing
 * of any size is read in bounded steps, and a batch read for the few fields
 * (summary, language) a listing does not carry.
 */
export interface ArticleBrowser {
  /** Newest first; every call is one or more Queries, never a Scan. */
  listPage(source: ListingSource, range: TimeRange, page?: PageRequest): Promise<Page<ListingItem>>;
  /** The stored articles among `ids`, in the order of `ids`; missing or expired ones are left out. */
  getArticles(ids: string[]): Promise<Article[]>;
}

/** The sources of `article` that `stored` lacks (same feed and link): empty when storing it again changes nothing. */
export function missingSources(stored: Pick<Article, 'sources'>, article: Pick<Article, 'sources'>): Article['sources'] {
  return article.sources.filter((s) => !stored.sources.some((k) => k.feedId === s.feedId && k.link === s.link));
}
