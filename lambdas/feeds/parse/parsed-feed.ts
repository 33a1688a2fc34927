/**
 * What the parse step hands on: the shapes both readers (rss-parser in
 * parse-feed.ts, JSON Feed in json-feed.ts) produce. Types only, so neither
 * reader imports the other's module for them.
 */

/** An item as rss-parser (plus a few custom fields) gives it; normalize-item.ts makes an article of it. */
export interface RawItem {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  pubDate?: string;
  isoDate?: string;
  /** Atom dates and Dublin Core dc:date, raw, so our own date parser reads them. */
  published?: string;
  updated?: string;
  dcDate?: string;
  content?: string;
  contentSnippet?: string;
  'content:encoded'?: string;
  summary?: string;
  creator?: string;
  author?: string;
  categories?: unknown[];
  /** <category> elements with attributes (Atom's term="…"). */
  categoryElements?: unknown[];
  enclosure?: { url?: string; type?: string };
  mediaContent?: { $?: { url?: string; medium?: string; type?: string } }[];
  mediaThumbnail?: { $?: { url?: string } };
  /** Set by the JSON Feed reader. */
  imageUrl?: string;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  items: RawItem[];
}
