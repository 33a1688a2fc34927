import Parser from 'rss-parser';
import { FeedParseError } from './errors.ts';
import { parseJsonFeed } from './json-feed.ts';
import type { ParsedFeed, RawItem } from './parsed-feed.ts';
import { repairXml } from './repair-xml.ts';

const ITEM_FIELDS = [
  ['published', 'published'],
  ['updated', 'updated'],
  ['dc:date', 'dcDate'],
  ['category', 'categoryElements', { keepArray: true }],
  ['media:content', 'mediaContent', { keepArray: true }],
  ['media:thumbnail', 'mediaThumbnail'],
];

/**
 * Parses decoded feed text: RSS 0.9x/1.0/2.0 and Atom with rss-parser after
 * a repair pass (repair-xml.ts), JSON Feed with a small reader of our own.
 * A new Parser per call on purpose: after a parse error a reused instance
 * gives wrong answers for the next feed (xml2js state leak, rss-parser #193).
 */
export async function parseFeed(text: string, url: string): Promise<ParsedFeed> {
  const start = text.trimStart().slice(0, 512);
  if (!start) throw new FeedParseError('empty', `${url} is empty, not a feed`, url);
  if (start.startsWith('{')) return parseJsonFeed(text, url);
  if (/^(?:<!--[\s\S]*?-->\s*)*(<!doctype html|<html)/i.test(start)) {
    throw new FeedParseError('html-page', `${url} is an HTML page, not a feed (look for a <link rel="alternate"> RSS URL in it)`, url);
  }
  const xml = addMissingRdfChannel(repairXml(text)).replace(/<entry\s*\/>/g, '');
  // <rss> with no <channel> is an empty feed, not a broken one (rss-parser would throw a TypeError).
  if (/<rss[\s>]/.test(xml) && !/<channel[\s>/]/.test(xml)) return { items: [] };
  const parser = new Parser<Record<string, unknown>, RawItem>({
    defaultRSS: 2,
    customFields: { item: ITEM_FIELDS as never },
  });
  try {
    const feed = await parser.parseString(xml);
    return { title: feed.title, link: feed.link, items: feed.items ?? [] };
  } catch (error) {
    throw new FeedParseError('unreadable-xml', `${url} is not a readable RSS or Atom feed (${describe(error)})`, url, { cause: error });
  }
}

/** rss-parser needs an RSS 1.0 <channel>; some RDF feeds list their items without one. */
function addMissingRdfChannel(xml: string): string {
  if (!/<rdf:RDF[\s>]/.test(xml) || /<channel[\s>/]/.test(xml)) return xml;
  return xml.replace(/(<rdf:RDF[^>]*>)/, '$1<channel><title></title></channel>');
}

function describe(error: unknown): string {
  // rss-parser walks the xml2js tree without checks: a missing <channel> or an empty <entry/> is a TypeError.
  if (error instanceof TypeError) return 'a required element is missing or empty: no <channel>, or an empty <item>/<entry>';
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 200);
}
