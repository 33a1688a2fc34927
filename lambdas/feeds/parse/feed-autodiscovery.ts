/**
 * The feeds a web page names in its <head> (RSS autodiscovery): what to
 * suggest when a feed URL answers with a page instead of a feed.
 *
 * A page advertises a feed with `<link rel="alternate" type="…" href="…">`,
 * where the type is application/rss+xml or application/atom+xml (RSS Advisory
 * Board, "RSS Autodiscovery", 2006; WHATWG HTML, link type "alternate") or
 * application/feed+json (JSON Feed 1.1, "Discovery"). `rel` is a list of
 * tokens, matched without case.
 */
import { load } from 'cheerio/slim';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);

/**
 * The absolute http(s) URLs of the feeds `html` advertises, in page order,
 * each once, relative hrefs resolved against `pageUrl` (or a `<base href>`);
 * [] when it names none. Never throws: a href that is not a URL is skipped.
 */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const base = resolve($('base[href]').first().attr('href'), pageUrl) ?? pageUrl;
  const found = new Set<string>();
  $('link[href]').each((_, element) => {
    const link = $(element);
    const rel = (link.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.attr('type') ?? '').trim().toLowerCase().split(';')[0]!.trim();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
    const url = resolve(link.attr('href'), base);
    if (url) found.add(url);
  });
  return [...found];
}

function resolve(href: string | undefined, base: string): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
