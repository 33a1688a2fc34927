import Parser from 'rss-parser';
import { FeedParseError } from './errors.ts';
import { advertisedFeeds } from './feed-autodiscovery.ts';
import { parseJsonFeed } from './json-feed.ts';
import type { ParsedFeed, RawItem } from './parsed-feed.ts';
import { entryLabel, splitEntries } from './isolate-entries.ts';
import { pickAtomLink, type LinkElement } from './atom-links.ts';
import { prepareXml, UNREAD_DATE_PREFIX } from './prepare-xml.ts';
import { repairXml } from './repair-xml.ts';
import { RENAMED_CONTENT_ENCODED, renameContentEncodedTag } from './content-encoded.ts';

const ITEM_FIELDS = [
  ['published', 'published'],
  ['updated', 'updated'],
  [`${UNREAD_DATE_PREFIX}published`, 'published'],
  [`${UNREAD_DATE_PREFIX}updated`, 'updated'],
  ['link', 'linkElements', { keepArray: true }],
  ['title', 'titleElements', { keepArray: true }],
  ['source', 'sourceElements', { keepArray: true }],
  ['dc:date', 'dcDate'],
  ['feedburner:origLink', 'origLink'],
  ['category', 'categoryElements', { keepArray: true }],
  ['media:content', 'mediaContent', { keepArray: true }],
  ['media:thumbnail', 'mediaThumbnail'],
  [RENAMED_CONTENT_ENCODED, 'content:encoded'],
];
const FEED_FIELDS = [
  ['link', 'linkElements', { keepArray: true }],
  ['ttl', 'ttl'],
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
    throw new FeedParseError('html-page', htmlPageMessage(text, url), url);
  }
  const repaired = repairXml(text);
  // One search tells whether either rewrite below has anything to do (most feeds: neither).
  const shaped = RDF_OR_EMPTY_ENTRY.test(repaired) ? dropEmptyEntries(addMissingRdfChannel(repaired)) : repaired;
  const prepared = prepareXml(shaped);
  const xml = prepared.xml;
  // RSS only: rss-parser's Atom reader ignores <content:encoded> (content-encoded.ts).
  const renameContent = prepared.format === 'rss';
  // <rss> with no <channel> is an empty feed, not a broken one (rss-parser would throw a TypeError).
  if (/<rss[\s>]/.test(xml) && !/<channel[\s>/]/.test(xml)) return { items: [] };
  let feed: RssParserFeed;
  let rejected: string[] = [];
  try {
    feed = await parseXml(xml, renameContent);
  } catch (error) {
    const isolated = await parseEntryByEntry(xml, renameContent);
    if (!isolated) throw new FeedParseError('unreadable-xml', `${url} is not a readable RSS or Atom feed (${describe(error, prepared.junk)})`, url, { cause: error });
    ({ feed, rejected } = isolated);
  }
  const feedLinks = feed.linkElements as LinkElement[] | undefined;
  const link = prepared.format === 'atom' ? pickAtomLink(feedLinks) : feed.link;
  const ttl = Number(typeof feed.ttl === 'string' ? feed.ttl.trim() : NaN);
  return {
    title: feed.title,
    link,
    items: feed.items ?? [],
    ...(Number.isInteger(ttl) && ttl > 0 ? { ttlMinutes: ttl } : {}),
    ...(rejected.length ? { rejected } : {}),
    ...(prepared.junk ? { skippedJunk: prepared.junk } : {}),
  };
}

type RssParserFeed = Awaited<ReturnType<Parser<Record<string, unknown>, RawItem>['parseString']>>;

/** `renameContent`: <content:encoded> is read under another name, so rss-parser makes no snippet of it (content-encoded.ts). */
function parseXml(xml: string, renameContent: boolean): Promise<RssParserFeed> {
  const parser = new Parser<Record<string, unknown>, RawItem>({
    defaultRSS: 2,
    customFields: { item: ITEM_FIELDS as never, feed: FEED_FIELDS as never },
    ...(renameContent ? { xml2js: { tagNameProcessors: [renameContentEncodedTag] } } : {}),
  });
  return parser.parseString(xml);
}

/**
 * The fallback when the whole document fails: the head alone, then each entry in
 * the head. Undefined when that doesn't help (the head itself fails, or no entry
 * can be read), so the caller reports the document's own error.
 */
async function parseEntryByEntry(xml: string, renameContent: boolean): Promise<{ feed: RssParserFeed; rejected: string[] } | undefined> {
  const chunks = splitEntries(xml);
  if (!chunks) return undefined;
  const rejected: string[] = [];
  let tail = chunks.tail;
  if (!ROOT_END.test(tail)) {
    // The document was cut off (a response cut short): close what the head opened; an entry cut in half is rejected.
    if (/<(?:item|entry)[\s>]/.test(tail)) rejected.push(`entry ${chunks.entries.length + 1} skipped: the feed is cut off inside it`);
    tail = closingTags(chunks.head);
  }
  let feed: RssParserFeed;
  try {
    feed = await parseXml(chunks.head + tail, renameContent);
  } catch {
    return undefined;
  }
  const items: RssParserFeed['items'] = [];
  for (const [index, entry] of chunks.entries.entries()) {
    try {
      const one = await parseXml(chunks.head + entry + tail, renameContent);
      items.push(...(one.items ?? []));
    } catch (error) {
      rejected.push(`${entryLabel(entry, index)} skipped: it could not be read (${describe(error)})`);
    }
  }
  if (items.length === 0) return undefined;
  return { feed: { ...feed, items }, rejected };
}

/** The end tag of the root element (RSS, Atom or RDF). */
const ROOT_END = /<\/(?:[\w-]+:)?(?:rss|feed|RDF)\s*>/;

/** End tags for what `head` leaves open: `</channel>` unless closed already (RDF), then the root's. */
function closingTags(head: string): string {
  const root = /<((?:[\w-]+:)?(?:rss|feed|RDF))[\s>]/.exec(head)?.[1];
  return (/<channel[\s>]/.test(head) && !/<\/channel\s*>/.test(head) ? '</channel>' : '') + (root ? `</${root}>` : '');
}

/** What addMissingRdfChannel or dropEmptyEntries would act on. */
const RDF_OR_EMPTY_ENTRY = /<(?:rdf:RDF[\s>]|entry\s*\/>)/;

/** rss-parser needs an RSS 1.0 <channel>; some RDF feeds list their items without one. */
function addMissingRdfChannel(xml: string): string {
  // No includes() pre-check: on a two-byte string of megabytes V8's regular expressions search
  // a literal several times faster than String.prototype.includes (4 ms against 0.8 for 7.5 MB).
  if (!/<rdf:RDF[\s>]/.test(xml) || /<channel[\s>/]/.test(xml)) return xml;
  return xml.replace(/(<rdf:RDF[^>]*>)/, '$1<channel><title></title></channel>');
}

const EMPTY_ENTRY = /<entry\s*\/>/;

/** `<entry/>` (an empty Atom entry) is dropped: rss-parser throws a TypeError on it. */
function dropEmptyEntries(xml: string): string {
  return EMPTY_ENTRY.test(xml) ? xml.replace(/<entry\s*\/>/g, '') : xml;
}

/** The parser's own message, with the junk before the root named when there was some. */
function describe(error: unknown, junk?: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().slice(0, 200);
  // rss-parser walks the xml2js tree without checks: its TypeErrors mean an element it needs is missing or empty.
  const what = error instanceof TypeError ? `an element rss-parser needs is missing or empty: ${message}` : message;
  return junk ? `${what}; text before or after the root element was skipped: "${junk}"` : what;
}

/** Why a page is not a feed, naming the feeds it advertises: the URL to put in the list instead. */
function htmlPageMessage(html: string, url: string): string {
  const feeds = advertisedFeeds(html, url);
  if (feeds.length === 0) return `${url} is an HTML page, not a feed (look for a <link rel="alternate"> RSS URL in it)`;
  const shown = feeds.slice(0, 3).join(', ') + (feeds.length > 3 ? ` and ${feeds.length - 3} more` : '');
  return `${url} is an HTML page, not a feed; the page names its feed${feeds.length > 1 ? 's' : ''}: ${shown} (use ${feeds.length > 1 ? 'one of them' : 'that URL'} instead)`;
}
