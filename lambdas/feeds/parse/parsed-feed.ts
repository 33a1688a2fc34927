/**
 * What the parse step hands on: the shapes both readers (rss-parser in
 * parse-feed.ts, JSON Feed in json-feed.ts) produce. Types only, so neither
 * reader imports the other's module for them.
 */
import type { LinkElement } from './atom-links.ts';

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
  /** FeedBurner's <feedburner:origLink>: the article's own URL when <link> is FeedBurner's proxy. */
  origLink?: string;
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
  /** Every <link> element as xml2js gives it (Atom: objects with `$`; RSS: strings). */
  linkElements?: LinkElement[];
  /** Every <title> element, raw: `{ _: text, $: { type } }` when it has attributes. */
  titleElements?: unknown[];
  /** RSS <source url="…">Outlet</source> (Google News credits the outlet there). */
  sourceElements?: unknown[];
}

export interface ParsedFeed {
  title?: string;
  /** The site's link: for Atom, the alternate link per RFC 4287 (never rel="self"). */
  link?: string;
  items: RawItem[];
  /** RSS <ttl> in minutes, when given. */
  ttlMinutes?: number;
  /** One readable sentence per entry that could not be read at all (the others are kept). */
  rejected?: string[];
  /** Text the server printed before or after the root element, skipped; absent when none. */
  skippedJunk?: string;
}
