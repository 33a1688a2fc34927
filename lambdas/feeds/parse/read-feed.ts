/**
 * Fetch → decode → parse → normalize for one feed, storing nothing: shared by
 * the poller and `centinela feeds check`.
 */
import type { ArticleDraft } from '../../model/article.ts';
import { httpUrl } from '../../model/http-url.ts';
import { decodeBody } from './decode-body.ts';
import type { FeedFetcher, Validators } from '../fetch/feed-fetcher.ts';
import type { FeedSource } from '../feed-source.ts';
import { normalizeItem, writtenLink } from '../normalize/normalize-item.ts';
import { canonicalUrl } from '../normalize/canonical-url.ts';
import { itemTitle } from '../normalize/item-title.ts';
import { parseFeed } from './parse-feed.ts';
import { STORY_WINDOW_MS } from '../story-identity.ts';
import type { RawItem } from './parsed-feed.ts';

export type ReadFeedResult =
  | { status: 'not_modified'; url: string }
  | {
      status: 'ok';
      /** After redirects. */
      url: string;
      httpStatus: number;
      validators: Validators;
      title?: string;
      itemsSeen: number;
      /** One per distinct canonical URL: an item repeated in the feed counts once. */
      drafts: ArticleDraft[];
      /** One readable sentence per item that could not be used. */
      rejected: string[];
      charset: string;
      /** Items whose written date nothing could read (they carry their first-seen time), one sentence each. */
      unreadableDates: string[];
      /**
       * Identity decisions made inside this document, one sentence each: items
       * merged (same canonical URL, same Google News story, or one story
       * re-issued under another link: same story key within STORY_WINDOW_MS)
       * and items kept apart (one page URL, different #fragment and GUID).
       */
      identity: { merged: string[]; split: string[] };
      /** RSS <ttl> in minutes, when the feed gives one. */
      ttlMinutes?: number;
      /** Cache-Control max-age of the answer, seconds. */
      maxAgeSeconds?: number;
      /** Where the feed moved for good (all redirects 301/308). */
      movedPermanentlyTo?: string;
      /** Text printed before or after the root element and skipped. */
      skippedJunk?: string;
    };

export async function readFeed(feed: FeedSource, fetcher: FeedFetcher, validators: Validators, now: Date): Promise<ReadFeedResult> {
  const fetched = await fetcher.fetch(feed.url, validators, 'feed');
  if (fetched.status === 'not_modified') return { status: 'not_modified', url: fetched.url };
  const decoded = decodeBody(fetched.body, fetched.contentType);
  const parsed = await parseFeed(decoded.text, fetched.url);
  const feedTitle = parsed.title === undefined ? undefined : itemTitle(undefined, parsed.title).slice(0, 200) || undefined;
  if (feed.nameFromFeed && feedTitle) feed = { ...feed, name: feedTitle };
  const base = siteBase(parsed.link, fetched.url);
  const { keep: keepFragment, split } = liveBlogItems(parsed.items, base);
  const byId = new Map<string, ArticleDraft>();
  const rejected = [...(parsed.rejected ?? [])];
  const unreadableDates: string[] = [];
  const merged: string[] = [];
  const byStory = new Map<string, ArticleDraft>();
  for (const item of parsed.items) {
    const livePost = keepFragment.has(item);
    const result = normalizeItem(item, feed, base, now, { keepFragment: livePost });
    if (!result.ok) {
      rejected.push(result.reason);
      continue;
    }
    const { draft } = result;
    if (result.unreadableDate) {
      unreadableDates.push(`"${draft.title.slice(0, 80)}": date "${result.unreadableDate}" unreadable, first-seen time used`);
    }
    const earlier = byId.get(draft.id);
    if (earlier) {
      merged.push(`"${draft.title.slice(0, 80)}" appears again (${draft.sources[0]!.link}): same article as ${earlier.sources[0]!.link}`);
      continue;
    }
    // The same story re-issued under another link in this document (same outlet, same title, within the
    // story window): one article, as a later poll would make it (story-identity.ts). Live-blog posts are kept apart.
    const story = draft.storyKey && !livePost ? byStory.get(draft.storyKey) : undefined;
    if (story && Math.abs(Date.parse(story.publishedAt) - Date.parse(draft.publishedAt)) <= STORY_WINDOW_MS) {
      merged.push(`"${draft.title.slice(0, 80)}" (${draft.sources[0]!.link}) re-issues ${story.sources[0]!.link} (same outlet, same title)`);
      continue;
    }
    byId.set(draft.id, draft);
    if (draft.storyKey && !livePost && !story) byStory.set(draft.storyKey, draft);
  }
  return {
    status: 'ok',
    url: fetched.url,
    httpStatus: fetched.httpStatus,
    validators: fetched.validators,
    title: feedTitle,
    itemsSeen: parsed.items.length + (parsed.rejected?.length ?? 0),
    drafts: [...byId.values()],
    rejected,
    charset: decoded.charset,
    unreadableDates,
    identity: { merged, split },
    ...(parsed.ttlMinutes ? { ttlMinutes: parsed.ttlMinutes } : {}),
    ...(fetched.maxAgeSeconds !== undefined ? { maxAgeSeconds: fetched.maxAgeSeconds } : {}),
    ...(fetched.movedPermanentlyTo ? { movedPermanentlyTo: fetched.movedPermanentlyTo } : {}),
    ...(parsed.skippedJunk ? { skippedJunk: parsed.skippedJunk } : {}),
  };
}

/**
 * Items that share one page URL and differ by #fragment and by GUID (a live
 * blog's posts) are distinct articles: their canonical URLs keep the fragment.
 * Items that differ only by fragment, or share a GUID, stay one article.
 */
function liveBlogItems(items: RawItem[], base: string): { keep: Set<RawItem>; split: string[] } {
  const links = items.map((item) => writtenLink(item, base));
  // No link with a fragment (most documents): no group can have two fragments, so nothing is split, and no
  // item needs its page's canonical URL (two more URL parses an item, on every changed feed).
  if (!links.some((link) => link?.includes('#'))) return { keep: new Set(), split: [] };
  const byPage = new Map<string, { item: RawItem; fragment: string; guid: string }[]>();
  for (const [i, item] of items.entries()) {
    const link = links[i];
    const page = link ? canonicalUrl(link) : undefined;
    if (!link || !page) continue;
    const fragment = new URL(link).hash;
    const guid = String(item.guid ?? item.id ?? '').trim();
    byPage.set(page, [...(byPage.get(page) ?? []), { item, fragment, guid }]);
  }
  const keep = new Set<RawItem>();
  const split: string[] = [];
  for (const [page, group] of byPage) {
    const fragments = new Set(group.map((entry) => entry.fragment).filter((fragment) => fragment.length > 1));
    const guids = new Set(group.map((entry) => entry.guid).filter(Boolean));
    if (group.length < 2 || fragments.size < 2 || guids.size < 2) continue;
    for (const entry of group) if (entry.fragment.length > 1 && entry.guid) keep.add(entry.item);
    split.push(`${group.length} items share ${page} and differ by #fragment and GUID: kept as ${fragments.size} articles`);
  }
  return { keep, split };
}

/** Relative item links are read against the site's link when the feed gives one, else the feed's URL. */
function siteBase(siteLink: string | undefined, feedUrl: string): string {
  return (siteLink && httpUrl(siteLink.trim(), feedUrl)?.toString()) || feedUrl;
}
