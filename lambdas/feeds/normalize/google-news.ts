/**
 * Google News search feeds, unwrapped. Their items (format evidenced in
 * ../shared/feeds-evidence.md, 2026-10-06 capture) carry:
 *  - an opaque link, news.google.com/rss/articles/CBMi…, that neither
 *    redirects for a plain HTTP client nor decodes offline: never fetched;
 *  - a title ending in " - Outlet";
 *  - `<source url="https://outlet/">Outlet</source>` naming the outlet;
 *  - a description that is the title again plus the outlet's name (or a list
 *    of other outlets' headlines): not the story, so never tagged.
 */
import { createHash } from 'node:crypto';
import { outletHost, storyKey } from './story-key.ts';

export interface GoogleNewsItem {
  /** The title without the " - Outlet" suffix. */
  title: string;
  outlet: string;
  /** The outlet's home page from <source url>, when given. */
  outletUrl?: string;
}

const GOOGLE_NEWS_HOST = /(^|\.)news\.google\.com$/i;

/** True for links that are Google News redirect tokens: never fetched for full text. */
export function isOpaqueAggregatorLink(link: string): boolean {
  try {
    return isGoogleNewsHost(new URL(link).hostname);
  } catch {
    return false;
  }
}

/** True for a URL's `hostname` (already parsed) that is Google News's. */
export function isGoogleNewsHost(hostname: string): boolean {
  return GOOGLE_NEWS_HOST.test(hostname);
}

/** The outlet and bare title of a Google News item; undefined for any other item. */
export function unwrapGoogleNews(link: string | undefined, title: string, sourceElements: unknown[] | undefined): GoogleNewsItem | undefined {
  if (!link || !isOpaqueAggregatorLink(link)) return undefined;
  return unwrapGoogleNewsItem(title, sourceElements);
}

/** unwrapGoogleNews for an item whose link is already known to be Google News's (isGoogleNewsHost). */
export function unwrapGoogleNewsItem(title: string, sourceElements: unknown[] | undefined): GoogleNewsItem | undefined {
  const source = Array.isArray(sourceElements) ? sourceElements[0] : undefined;
  const name = typeof source === 'string' ? source : (source as { _?: unknown } | undefined)?._;
  const url = (source as { $?: { url?: unknown } } | undefined)?.$?.url;
  const outlet = typeof name === 'string' && name.trim() ? name.trim() : outletFromTitle(title);
  if (!outlet) return undefined;
  const outletUrl = typeof url === 'string' && url.trim() ? url.trim() : undefined;
  return { title: withoutSuffix(title, outlet, outletUrl) || title, outlet, outletUrl };
}

/**
 * The title without its " - Outlet" suffix: the outlet as <source> names it or
 * the host of <source url>, compared with case, accents, punctuation and
 * spacing ignored ("La Republica" is "La República"); an outlet may itself
 * contain " - ". A title with no such suffix is returned as it is.
 */
function withoutSuffix(title: string, outlet: string, outletUrl: string | undefined): string {
  const host = outletUrl ? legacyHost(outletUrl) : undefined;
  const names = host ? [idFold(outlet), idFold(host)] : [idFold(outlet)];
  for (let at = title.lastIndexOf(' - '); at > 0; at = title.lastIndexOf(' - ', at - 1)) {
    if (names.includes(idFold(title.slice(at + 3)))) return title.slice(0, at).trim();
  }
  return title;
}

/** With no <source>, the last " - X" of the title is the outlet (Google News always appends it). */
function outletFromTitle(title: string): string | undefined {
  const at = title.lastIndexOf(' - ');
  return at > 0 ? title.slice(at + 3).trim() || undefined : undefined;
}

/**
 * The article id of a Google News story: the outlet's host and the folded
 * title, so the same story re-issued under a new token is the same article.
 * The formula is the one Google News articles were first stored under,
 * unchanged so their ids stay the same: its fold (idFold) is not the
 * tagger's, and needn't be, as the id is matched with nothing but itself.
 * Recognising the outlet's own copy goes through the story key instead.
 */
export function googleNewsArticleId(item: GoogleNewsItem): string {
  const outlet = item.outletUrl ? legacyHost(item.outletUrl) : idFold(item.outlet);
  return createHash('sha256').update(`story:${outlet}:${idFold(item.title)}`).digest('hex').slice(0, 32);
}

function idFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

function legacyHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The story key of a Google News item: the host of `<source url>` and its bare title; undefined without `<source url>`. */
export function googleNewsStoryKey(item: GoogleNewsItem): string | undefined {
  return storyKey(outletHost(item.outletUrl), item.title);
}
