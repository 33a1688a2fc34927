import Parser from 'rss-parser';
import { FeedParseError } from './errors.ts';

export interface RawItem {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  pubDate?: string;
  isoDate?: string;
  content?: string;
  contentSnippet?: string;
  'content:encoded'?: string;
  summary?: string;
  creator?: string;
  author?: string;
  categories?: unknown[];
  enclosure?: { url?: string; type?: string };
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  items: RawItem[];
}

/**
 * Parses decoded feed text with rss-parser. A new Parser per call on purpose:
 * after a parse error a reused instance gives wrong answers for the next feed
 * (xml2js state leak, rss-parser #193).
 */
export async function parseFeed(xml: string, url: string): Promise<ParsedFeed> {
  const parser = new Parser<Record<string, unknown>, RawItem>({ defaultRSS: 2 });
  try {
    const feed = await parser.parseString(xml);
    return { title: feed.title, link: feed.link, items: feed.items ?? [] };
  } catch (error) {
    throw new FeedParseError(`${url} is not a readable RSS or Atom feed (${(error as Error).message})`, url, {
      cause: error,
    });
  }
}
