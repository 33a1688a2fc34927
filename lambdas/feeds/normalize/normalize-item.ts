import type { ArticleDraft } from '../../model/article.ts';
import { httpUrl } from '../../model/http-url.ts';
import { articleId, canonicalUrl } from './canonical-url.ts';
import { parseFeedDate } from '../parse/feed-date.ts';
import type { FeedSource } from '../feed-source.ts';
import { htmlToText } from './html-text.ts';
import type { RawItem } from '../parse/parsed-feed.ts';

export type NormalizeResult = { ok: true; draft: ArticleDraft } | { ok: false; reason: string };

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
export function normalizeItem(item: RawItem, feed: FeedSource, baseUrl: string, now: Date): NormalizeResult {
  const title = truncate(htmlToText(text(item.title) ?? '').replace(/\n/g, ' '), TITLE_MAX);
  const link = pickLink(item, baseUrl);
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
  const bodyHtml = text(item['content:encoded']) ?? text(item.content) ?? '';
  const summaryHtml = text(item.summary) ?? text(item.content) ?? text(item.contentSnippet) ?? '';
  const summary = truncate(htmlToText(summaryHtml), SUMMARY_MAX);
  const body = htmlToText(bodyHtml);
  const published = publishedDate(item, now);
  return {
    ok: true,
    draft: {
      id: articleId(link),
      canonicalUrl: link,
      title: title || summary.slice(0, 120) || link,
      summary: summary || truncate(body, SUMMARY_MAX),
      text: body.length >= summary.length ? body : summary,
      author: authorName(item),
      categories: categories(item),
      imageUrl: imageUrl(item, baseUrl),
      publishedAt: published.iso,
      dateSource: published.source,
      firstSeenAt: now.toISOString(),
      feedId: feed.id,
      sources: [{ feedId: feed.id, feedName: feed.name, link: fitting(absolute(text(item.link), baseUrl)) ?? link }],
    },
  };
}

/** The item's link; a guid or Atom id only when it is itself an http(s) URL (isPermaLink in practice). */
function pickLink(item: RawItem, baseUrl: string): string | undefined {
  const link = text(item.link);
  const fromLink = link ? canonicalUrl(link, baseUrl) : undefined;
  if (fromLink) return fromLink;
  // A guid is an identifier, not a link relative to the feed: only an absolute URL counts.
  for (const candidate of [item.guid, item.id]) {
    const value = text(candidate);
    const canonical = value ? canonicalUrl(value) : undefined;
    if (canonical) return canonical;
  }
  return undefined;
}

/** A missing, unparseable or future date falls back to first-seen time, marked "first_seen". */
function publishedDate(item: RawItem, now: Date): { iso: string; source: 'feed' | 'first_seen' } {
  const written = [item.published, item.pubDate, item.dcDate, item.updated].map(text).filter((raw): raw is string => Boolean(raw));
  // rss-parser fills isoDate (and, for Atom, pubDate) with JavaScript's reading of a written date,
  // which turns "Sat, 01 Jan 0000" into 2000-01-01: trust that reading only if the feed wrote its year.
  const derived = new Set([item.isoDate, item.published || item.updated ? item.pubDate : undefined].filter(Boolean));
  for (const raw of [item.published, item.pubDate, item.dcDate, item.updated, item.isoDate]) {
    const parsed = parseFeedDate(text(raw));
    if (!parsed) continue;
    if (derived.has(raw) && !yearWritten(parsed, written)) continue;
    if (parsed.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) break;
    return { iso: parsed.toISOString(), source: 'feed' };
  }
  return { iso: now.toISOString(), source: 'first_seen' };
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

function categories(item: RawItem): string[] {
  const values = item.categories?.length ? item.categories : (item.categoryElements ?? []);
  const names = values.map(categoryText).filter((c): c is string => Boolean(c));
  return [...new Set(names.map((name) => truncate(name, CATEGORY_MAX)))].slice(0, 30);
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

function imageUrl(item: RawItem, baseUrl: string): string | undefined {
  const candidates = [
    item.imageUrl,
    item.enclosure?.type?.startsWith('image/') ? item.enclosure.url : undefined,
    ...(item.mediaContent ?? []).map((m) => (m?.$?.medium === 'image' || m?.$?.type?.startsWith('image/') ? m.$.url : undefined)),
    item.mediaThumbnail?.$?.url,
    ...(item.mediaContent ?? []).map((m) => (m?.$?.medium || m?.$?.type ? undefined : m?.$?.url)),
  ];
  for (const candidate of candidates) {
    const url = fitting(absolute(candidate, baseUrl));
    if (url) return url;
  }
  return undefined;
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
