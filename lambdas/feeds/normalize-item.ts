import type { ArticleDraft } from '../model/article.ts';
import { articleId, canonicalUrl } from './canonical-url.ts';
import type { FeedSource } from './feed-source.ts';
import { htmlToText } from './html-text.ts';
import type { RawItem } from './parse-feed.ts';

export type NormalizeResult = { ok: true; draft: ArticleDraft } | { ok: false; reason: string };

/** The one place a feed item becomes Centinela's article model. */
export function normalizeItem(item: RawItem, feed: FeedSource, baseUrl: string, now: Date): NormalizeResult {
  const link = pickLink(item, baseUrl);
  if (!link) {
    return { ok: false, reason: `item "${(item.title ?? '(untitled)').slice(0, 80)}" has no usable http(s) link` };
  }
  const title = htmlToText(item.title ?? '').replace(/\n/g, ' ');
  const body = item['content:encoded'] ?? item.content ?? '';
  const summaryHtml = item.summary ?? item.content ?? item.contentSnippet ?? '';
  const summary = truncate(htmlToText(summaryHtml), 600);
  const text = htmlToText(body) || summary;
  const published = publishedDate(item, now);
  return {
    ok: true,
    draft: {
      id: articleId(link),
      canonicalUrl: link,
      title: title || summary.slice(0, 120) || link,
      summary,
      text,
      author: (item.creator ?? item.author)?.trim() || undefined,
      categories: (item.categories ?? []).map(categoryText).filter((c): c is string => Boolean(c)),
      imageUrl: item.enclosure?.type?.startsWith('image/') ? item.enclosure.url : undefined,
      publishedAt: published.iso,
      dateSource: published.source,
      firstSeenAt: now.toISOString(),
      feedId: feed.id,
      sources: [{ feedId: feed.id, feedName: feed.name, link: item.link ?? link }],
    },
  };
}

function pickLink(item: RawItem, baseUrl: string): string | undefined {
  for (const candidate of [item.link, item.guid, item.id]) {
    if (candidate) {
      const canonical = canonicalUrl(candidate, baseUrl);
      if (canonical) return canonical;
    }
  }
  return undefined;
}

/** A missing, unparseable or future date falls back to first-seen time. */
function publishedDate(item: RawItem, now: Date): { iso: string; source: 'feed' | 'first_seen' } {
  const raw = item.isoDate ?? item.pubDate;
  const parsed = raw ? new Date(raw) : undefined;
  const tolerance = 10 * 60 * 1000; // clocks drift; a few minutes ahead is not "future"
  if (parsed && !Number.isNaN(parsed.getTime()) && parsed.getTime() <= now.getTime() + tolerance) {
    return { iso: parsed.toISOString(), source: 'feed' };
  }
  return { iso: now.toISOString(), source: 'first_seen' };
}

function categoryText(category: unknown): string | undefined {
  if (typeof category === 'string') return category.trim() || undefined;
  if (category && typeof category === 'object' && '_' in category) return String((category as { _: unknown })._).trim();
  return undefined;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
