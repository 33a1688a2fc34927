import type { ArticleDraft } from '../../model/article.ts';
import { httpUrl } from '../../model/http-url.ts';
import { articleId, canonicalize, type CanonicalLink } from './canonical-url.ts';
import { parseFeedDate } from '../parse/feed-date.ts';
import type { FeedSource } from '../feed-source.ts';
import { htmlToText } from './html-text.ts';
import type { RawItem } from '../parse/parsed-feed.ts';
import { hasAtomLinks, pickAtomLink } from '../parse/atom-links.ts';
import { cleanText } from './clean-text.ts';
import { googleNewsArticleId, googleNewsStoryKey, isGoogleNewsHost, unwrapGoogleNewsItem } from './google-news.ts';
import { storyKey } from './story-key.ts';
import { outletHostOfHostname } from '../../model/outlet-host.ts';
import { itemTitle } from './item-title.ts';

export type NormalizeResult =
  | {
      ok: true;
      draft: ArticleDraft;
      /** The date the feed wrote but nothing could read (the draft then carries its first-seen time). */
      unreadableDate?: string;
      /** Set for Google News items: the outlet credited. */
      outlet?: string;
    }
  | { ok: false; reason: string };

export interface NormalizeOptions {
  /**
   * Keep the link's #fragment in the canonical URL: read-feed.ts sets it for
   * items that share one page URL but differ by fragment and GUID (live blogs).
   */
  keepFragment?: boolean;
}

/** Clocks drift: a date a few minutes ahead is not "in the future". */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
const SUMMARY_MAX = 600;
/**
 * A DynamoDB item holds at most 400 KB, and the title and link are copied into
 * every index item: one item with a megabyte title or link would fail the whole
 * feed on every poll. Longer titles are cut; longer links reject the item.
 */
const TITLE_MAX = 500;
const URL_MAX = 2048;
const CATEGORY_MAX = 100;

/** The one place a feed item becomes Centinela's article model. */
export function normalizeItem(item: RawItem, feed: FeedSource, baseUrl: string, now: Date, options: NormalizeOptions = {}): NormalizeResult {
  let title = truncate(itemTitle(item.titleElements, text(item.title)), TITLE_MAX);
  // The written link is parsed once: its href, fragment, canonical form and host all come from that parse.
  const parsedLink = writtenUrl(item, baseUrl);
  const written = parsedLink?.href;
  const canonical = pickLink(item, parsedLink, options.keepFragment);
  const link = canonical?.href;
  if (link && link.length > URL_MAX) {
    return { ok: false, reason: `item "${title.slice(0, 80)}" skipped: its link is ${link.length} characters long (at most ${URL_MAX})` };
  }
  if (!link) {
    const what = title ? `"${title.slice(0, 80)}"` : '(untitled)';
    const given = text(item.link) ?? text(item.guid) ?? text(item.id);
    return {
      ok: false,
      reason: given
        ? `item ${what} skipped: its link "${given.slice(0, 120)}" is not an http(s) URL`
        : `item ${what} skipped: it has no link`,
    };
  }
  const given = fitting(written) ?? link;
  const googleNews = isGoogleNewsHost(canonical!.hostname) ? unwrapGoogleNewsItem(title, item.sourceElements) : undefined;
  if (googleNews) title = truncate(googleNews.title, TITLE_MAX);
  // A Google News description is the headline plus the outlet's name: not the story, never tagged.
  const bodyHtml = googleNews ? '' : (text(item['content:encoded']) ?? text(item.content) ?? '');
  const summaryHtml = googleNews ? '' : (text(item.summary) ?? text(item.content) ?? text(item.contentSnippet) ?? '');
  const summary = truncate(htmlToText(summaryHtml), SUMMARY_MAX);
  const body = htmlToText(bodyHtml);
  const published = publishedDate(item, now, feed.timeZone);
  const finalTitle = title || summary.slice(0, 120) || link;
  const key = googleNews ? googleNewsStoryKey(googleNews) : title ? storyKey(outletHostOfHostname(canonical!.hostname), title) : undefined;
  return {
    ok: true,
    ...(published.unreadable ? { unreadableDate: published.unreadable } : {}),
    ...(googleNews ? { outlet: googleNews.outlet } : {}),
    draft: {
      id: googleNews ? googleNewsArticleId(googleNews) : articleId(link),
      canonicalUrl: link,
      title: finalTitle,
      summary: summary || truncate(body, SUMMARY_MAX),
      text: body.length >= summary.length ? body : summary,
      author: authorName(item),
      categories: categories(item),
      imageUrl: imageUrl(item, baseUrl),
      publishedAt: published.iso,
      dateSource: published.source,
      firstSeenAt: isoString(now),
      feedId: feed.id,
      sources: [
        googleNews
          ? { feedId: feed.id, feedName: googleNews.outlet, link: given, via: feed.name, ...(googleNews.outletUrl ? { outletUrl: googleNews.outletUrl } : {}) }
          : { feedId: feed.id, feedName: feed.name, link: given, ...postGuid(item, given) },
      ],
      ...(key ? { storyKey: key } : {}),
      ...(googleNews ? { aggregatorLink: true as const } : {}),
    },
  };
}

/** A live-blog post's GUID (when its link has a #fragment), which tells posts of one page apart across polls. */
function postGuid(item: RawItem, link: string): { guid?: string } {
  const guid = text(item.guid) ?? text(item.id);
  return guid && link.includes('#') ? { guid: guid.slice(0, 200) } : {};
}

/**
 * The item's link as written: FeedBurner's <feedburner:origLink> when it is
 * an http(s) URL (<link> is then FeedBurner's proxy, feeds.feedburner.com/~r/…);
 * else for Atom, the alternate link (RFC 4287; never rel="replies" or "self");
 * for RSS, <link>. Absolute, or undefined.
 */
export function writtenLink(item: RawItem, baseUrl: string): string | undefined {
  return writtenUrl(item, baseUrl)?.href;
}

/** writtenLink, parsed. */
function writtenUrl(item: RawItem, baseUrl: string): URL | undefined {
  const origin = item.origLink === undefined ? undefined : text(item.origLink);
  const original = origin ? httpUrl(origin.trim()) : undefined;
  if (original) return original;
  const link = hasAtomLinks(item.linkElements) ? pickAtomLink(item.linkElements) : text(item.link);
  return link ? httpUrl(link.trim(), baseUrl) : undefined;
}

/**
 * The item's canonical link and its host (from `link`, its writtenLink
 * parsed, which this changes); a guid or Atom id only when it is itself an
 * http(s) URL (isPermaLink in practice).
 */
function pickLink(item: RawItem, link: URL | undefined, keepFragment = false): CanonicalLink | undefined {
  const fragment = keepFragment && link ? link.hash : '';
  const fromLink = link ? canonicalize(link) : undefined;
  if (fromLink) return fragment.length > 1 ? { href: `${fromLink.href}${fragment}`, hostname: fromLink.hostname } : fromLink;
  // A guid is an identifier, not a link relative to the feed: only an absolute URL counts.
  for (const candidate of [item.guid, item.id]) {
    const value = text(candidate);
    const parsed = value ? httpUrl(value.trim()) : undefined;
    const canonical = parsed ? canonicalize(parsed) : undefined;
    if (canonical) return canonical;
  }
  return undefined;
}

/**
 * A missing, unparseable or future date falls back to first-seen time, marked
 * "first_seen"; `unreadable` is the written date nothing could read.
 */
function publishedDate(item: RawItem, now: Date, timeZone?: string): { iso: string; source: 'feed' | 'first_seen'; unreadable?: string } {
  // rss-parser fills isoDate (and, for Atom, pubDate) with JavaScript's reading of a written date,
  // which turns "Sat, 01 Jan 0000" into 2000-01-01: trust that reading only if the feed wrote its year.
  // For Atom, pubDate is that reading of <published> or <updated>, made in the process's zone when the
  // date has none: it comes after the written dates, so a zone-less one is read in the feed's zone.
  // (A plain loop with no closures: this runs for every item of every poll.)
  const candidates = item.published || item.updated
    ? [item.published, item.dcDate, item.updated, item.pubDate, item.isoDate]
    : [item.pubDate, item.dcDate, item.isoDate];
  for (const raw of candidates) {
    const parsed = parseFeedDate(text(raw), timeZone);
    if (!parsed) continue;
    const derived = raw === item.isoDate || (raw === item.pubDate && Boolean(item.published || item.updated));
    if (derived && !yearWritten(parsed, writtenDates(item))) continue;
    if (parsed.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) break;
    return { iso: parsed.toISOString(), source: 'feed' };
  }
  const unreadable = writtenDates(item).find((raw) => !parseFeedDate(raw, timeZone));
  return { iso: isoString(now), source: 'first_seen', ...(unreadable ? { unreadable: unreadable.slice(0, 80) } : {}) };
}

/** The dates the feed itself wrote (not rss-parser's readings of them). */
function writtenDates(item: RawItem): string[] {
  return [item.published, item.pubDate, item.dcDate, item.updated].map(text).filter((raw): raw is string => Boolean(raw));
}

/** The year of `date` (or the one either side, as zones can move a date across New Year) appears in a written date. */
function yearWritten(date: Date, written: string[]): boolean {
  const year = date.getUTCFullYear();
  return [year - 1, year, year + 1].some((y) => written.some((raw) => raw.includes(String(y))));
}

/** "jane@example.pe (Jane Doe)" → "Jane Doe"; dc:creator first. */
function authorName(item: RawItem): string | undefined {
  const raw = text(item.creator) ?? text(item.author);
  if (!raw) return undefined;
  const inParens = raw.match(/^\S+@\S+\s*\((.+)\)$/);
  const name = htmlToText(inParens ? inParens[1]! : raw).replace(/\n/g, ' ');
  return name.slice(0, 200) || undefined;
}

/** At most 30 distinct category names, in the feed's order. */
function categories(item: RawItem): string[] {
  const values = item.categories?.length ? item.categories : (item.categoryElements ?? []);
  const names: string[] = [];
  for (const value of values) {
    const written = categoryText(value);
    const name = written ? truncate(cleanText(written), CATEGORY_MAX) : '';
    if (name && !names.includes(name)) names.push(name);
    if (names.length === 30) break;
  }
  return names;
}

function categoryText(category: unknown): string | undefined {
  if (typeof category === 'string') return category.trim() || undefined;
  if (category && typeof category === 'object') {
    const element = category as { _?: unknown; $?: { term?: unknown; label?: unknown } };
    const value = element._ ?? element.$?.label ?? element.$?.term;
    return typeof value === 'string' ? value.trim() || undefined : undefined;
  }
  return undefined;
}

/**
 * The first usable image, in this order: the JSON Feed image, an image
 * enclosure, media:content marked as an image, media:thumbnail, media:content
 * of no stated kind. Candidates are tried one by one, so an item with an image
 * enclosure costs no look at its media elements.
 */
function imageUrl(item: RawItem, baseUrl: string): string | undefined {
  const media = item.mediaContent ?? [];
  let url = fitting(absolute(item.imageUrl, baseUrl));
  if (!url && item.enclosure?.type?.startsWith('image/')) url = fitting(absolute(item.enclosure.url, baseUrl));
  for (let i = 0; !url && i < media.length; i++) {
    const m = media[i];
    if (m?.$?.medium === 'image' || m?.$?.type?.startsWith('image/')) url = fitting(absolute(m.$.url, baseUrl));
  }
  if (!url) url = fitting(absolute(item.mediaThumbnail?.$?.url, baseUrl));
  for (let i = 0; !url && i < media.length; i++) {
    const m = media[i];
    if (!(m?.$?.medium || m?.$?.type)) url = fitting(absolute(m?.$?.url, baseUrl));
  }
  return url;
}

let isoOfMs = NaN;
let iso = '';

/** `date.toISOString()`, kept for the last instant asked: every item of a poll has the same first-seen time. */
function isoString(date: Date): string {
  const ms = date.getTime();
  if (ms !== isoOfMs) {
    iso = date.toISOString();
    isoOfMs = ms;
  }
  return iso;
}

function absolute(value: string | undefined, baseUrl: string): string | undefined {
  return value ? httpUrl(value.trim(), baseUrl)?.toString() : undefined;
}

function fitting(url: string | undefined): string | undefined {
  return url && url.length <= URL_MAX ? url : undefined;
}

/** rss-parser gives strings, but odd feeds yield objects ({_: "…", $: {…}}) or arrays. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object' && '_' in value) return text((value as { _: unknown })._);
  return undefined;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}
