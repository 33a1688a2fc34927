/**
 * Fetch → decode → parse → normalize for one feed, storing nothing: shared by
 * the poller and `centinela feeds check`.
 */
import type { ArticleDraft } from '../../model/article.ts';
import { httpUrl } from '../../model/http-url.ts';
import { decodeBody } from './decode-body.ts';
import type { FeedFetcher, Validators } from '../fetch/feed-fetcher.ts';
import type { FeedSource } from '../feed-source.ts';
import { normalizeItem } from '../normalize/normalize-item.ts';
import { parseFeed } from './parse-feed.ts';

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
    };

export async function readFeed(feed: FeedSource, fetcher: FeedFetcher, validators: Validators, now: Date): Promise<ReadFeedResult> {
  const fetched = await fetcher.fetch(feed.url, validators, 'feed');
  if (fetched.status === 'not_modified') return { status: 'not_modified', url: fetched.url };
  const decoded = decodeBody(fetched.body, fetched.contentType);
  const parsed = await parseFeed(decoded.text, fetched.url);
  const base = siteBase(parsed.link, fetched.url);
  const byId = new Map<string, ArticleDraft>();
  const rejected: string[] = [];
  for (const item of parsed.items) {
    const result = normalizeItem(item, feed, base, now);
    if (!result.ok) rejected.push(result.reason);
    else if (!byId.has(result.draft.id)) byId.set(result.draft.id, result.draft);
  }
  return {
    status: 'ok',
    url: fetched.url,
    httpStatus: fetched.httpStatus,
    validators: fetched.validators,
    title: parsed.title,
    itemsSeen: parsed.items.length,
    drafts: [...byId.values()],
    rejected,
    charset: decoded.charset,
  };
}

/** Relative item links are read against the site's link when the feed gives one, else the feed's URL. */
function siteBase(siteLink: string | undefined, feedUrl: string): string {
  return (siteLink && httpUrl(siteLink.trim(), feedUrl)?.toString()) || feedUrl;
}
