/**
 * The one article model every stage shares. Feed items become an `ArticleDraft`
 * at the edge (lambdas/feeds/normalize/normalize-item.ts); tagging turns a draft into an
 * `Article`, which is what the store keeps and the digest reads.
 */

export type Language = 'es' | 'en';

/** Where one rule term fired in an article. */
export interface TermHit {
  /** The term as written in the rules file. */
  term: string;
  /** The field of the first hit; the title weighs more than the body. */
  field: 'title' | 'summary' | 'text';
  /** How many times the term fired across all fields. */
  count: number;
  /** A short piece of text around the first hit, so a reader sees why. */
  snippet: string;
  /** The seed document the term came from, or "coverage". */
  source: string;
}

export interface ThemeTag {
  theme: string;
  score: number;
  hits: TermHit[];
}

/** One place an article was seen: a feed and the link that feed gave. */
export interface ArticleSource {
  feedId: string;
  /** The feed's name, or, for an aggregator (Google News), the outlet credited. */
  feedName: string;
  link: string;
  /** The aggregator feed the outlet was found through (e.g. "Google News: extorsión Perú"). */
  via?: string;
  /** The outlet's home page, as the aggregator gave it. */
  outletUrl?: string;
  /**
   * The item's GUID, kept only when its link has a #fragment: it tells a
   * live blog's posts apart across polls (feeds/live-blog.ts).
   */
  guid?: string;
}

export interface ArticleDraft {
  /** sha256 of the canonical URL, hex, first 32 characters. */
  id: string;
  canonicalUrl: string;
  title: string;
  /** Plain text, no markup. */
  summary: string;
  /** Plain text of the body (feed content or fetched page); may equal summary. */
  text: string;
  author?: string;
  categories: string[];
  imageUrl?: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  /** "feed" when the feed gave a usable date; otherwise first-seen time was used. */
  dateSource: 'feed' | 'first_seen';
  firstSeenAt: string;
  feedId: string;
  sources: ArticleSource[];
  /**
   * The outlet's host and the folded title (feeds/normalize/story-key.ts):
   * the same story from Google News and from the outlet's own feed has the
   * same key, and the store keeps one lookup item per key. Absent when the
   * outlet is unknown or the title too short to name a story.
   */
  storyKey?: string;
  /**
   * Set when `canonicalUrl` is an aggregator's opaque link (Google News): when
   * the outlet's own copy of the story joins the article, its URL replaces it.
   */
  aggregatorLink?: true;
}

export interface TagResult {
  themes: ThemeTag[];
  regions: string[];
  /**
   * ISO 3166-1 alpha-2 codes (upper case) of the countries the article is
   * about, most relevant first: ['PE'] for Peru-only news, [] when unknown.
   */
  countries: string[];
  lang: Language;
}

export type Article = ArticleDraft & TagResult;
