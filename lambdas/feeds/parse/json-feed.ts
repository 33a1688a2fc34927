/** JSON Feed 1.0/1.1 (jsonfeed.org), which rss-parser doesn't read, mapped onto the same raw item shape. */
import { FeedParseError } from './errors.ts';
import type { ParsedFeed, RawItem } from './parsed-feed.ts';

interface JsonFeedItem {
  id?: unknown;
  url?: unknown;
  external_url?: unknown;
  title?: unknown;
  content_html?: unknown;
  content_text?: unknown;
  summary?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  author?: { name?: unknown };
  authors?: { name?: unknown }[];
  tags?: unknown;
  image?: unknown;
}

export function parseJsonFeed(text: string, url: string): ParsedFeed {
  let doc: { version?: unknown; title?: unknown; home_page_url?: unknown; items?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (error) {
    throw new FeedParseError('invalid-json', `${url} looks like JSON but is not valid JSON (${(error as Error).message})`, url, { cause: error });
  }
  // The version should be a jsonfeed.org URL; some generators write "1.0" or "1.1". An items array is what matters.
  if (typeof doc?.version !== 'string' || !Array.isArray(doc.items)) {
    throw new FeedParseError('not-json-feed', `${url} is a JSON document but not a JSON Feed (no version or no items array)`, url);
  }
  return {
    title: str(doc.title),
    link: str(doc.home_page_url),
    items: (doc.items as JsonFeedItem[]).filter((item) => item && typeof item === 'object').map(toRawItem),
  };
}

function toRawItem(item: JsonFeedItem): RawItem {
  const author = item.authors?.[0]?.name ?? item.author?.name;
  return {
    title: str(item.title),
    link: str(item.url) ?? str(item.external_url),
    guid: str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : undefined),
    pubDate: str(item.date_published) ?? str(item.date_modified),
    'content:encoded': str(item.content_html) ?? escapeText(str(item.content_text)),
    summary: str(item.summary),
    author: str(author),
    categories: Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    imageUrl: str(item.image),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function escapeText(text: string | undefined): string | undefined {
  return text?.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
