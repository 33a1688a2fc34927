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
}

/** [from, to) as ISO instants. */
export interface TimeRange {
  from: string;
  to: string;
}

/** "new": first time stored; "merged": a new source added; "unchanged": nothing to do. */
export type PutOutcome = 'new' | 'merged' | 'unchanged';

/** The port every stage stores and reads articles through; DynamoDB is the real adapter. */
export interface ArticleStore {
  putArticle(article: Article): Promise<PutOutcome>;
  getArticle(id: string): Promise<Article | undefined>;
  /** Newest first. */
  listByTheme(theme: string, range: TimeRange): Promise<ListingItem[]>;
  /** Newest first; `day` is a Lima calendar day, YYYY-MM-DD. */
  listByDay(day: string): Promise<ListingItem[]>;
}
