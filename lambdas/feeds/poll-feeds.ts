/**
 * The poll-feed job, the same for the Lambda and the CLI:
 *  1. read the feed's state (validators, failures)
 *  2. fetch with a conditional request; a 304 ends here
 *  3. decode the bytes and parse (read-feed.ts)
 *  4. normalize each item into an article draft (rejecting items without a link),
 *     once per canonical URL
 *  5. ask the store which are stored already (one batch read, with the items'
 *     story keys); an item this feed gave before is done; an item that is a
 *     story stored from another feed (Google News and the outlet's own feed)
 *     joins that article (story-identity.ts); a live-blog post is told
 *     apart from another post of its page stored earlier (live-blog.ts)
 *  6. for full-text feeds, fetch the page of each article not stored yet
 *  7. tag each remaining draft
 *  8. store them together (new ones in batches, or a merged source)
 *  9. record the feed's health: a failure schedules the next attempt (backoff,
 *     or the server's Retry-After), a success the feed's own hint (max-age,
 *     ttl); a 301 records the new URL, a 410 marks the feed gone, 200s with no
 *     item poll after poll are counted
 * One bad feed never fails the others.
 */
import type { Article, ArticleDraft, TagResult } from '../model/article.ts';
import type { Clock } from '../model/clock.ts';
import { missingSources, type ArticleWriter, type PutOutcome } from '../store/article-store.ts';
import { nextAttemptAfterFailure, nextPollFromHints, retryAfterInstant } from './state/due-feeds.ts';
import { EMPTY_POLLS_FLAG } from './state/feed-health.ts';
import { isOpaqueAggregatorLink } from './normalize/google-news.ts';
import type { FeedFetcher } from './fetch/feed-fetcher.ts';
import type { FeedSource } from './feed-source.ts';
import type { FeedState, FeedStateStore } from './state/feed-state.ts';
import { withFullText } from './full-text/full-text.ts';
import { joinStories, storyKeysOf } from './story-identity.ts';
import { alternateIds, separatePosts } from './live-blog.ts';
import { readFeed } from './parse/read-feed.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import { FetchError } from './fetch/errors.ts';
import { mapLimited } from '../concurrency/map-limited.ts';
import { FEED_CONCURRENCY } from './feed-concurrency.ts';

export interface ArticleTagger {
  tag(input: { title: string; summary: string; text: string }): TagResult;
}

export interface PollDeps {
  fetcher: FeedFetcher;
  articles: ArticleWriter;
  feedStates: FeedStateStore;
  tagger: ArticleTagger;
  clock: Clock;
}

export interface PollOptions {
  /** Items of one feed fetched (full text) and tagged at the same time. Default 4. */
  itemConcurrency?: number;
  /** Article pages fetched per poll of a full-text feed; the rest keep the feed's text. Default 25. */
  maxFullTextPages?: number;
}

export interface FeedPollReport {
  feedId: string;
  url: string;
  status: 'ok' | 'not_modified' | 'failed';
  itemsSeen: number;
  itemsNew: number;
  itemsMerged: number;
  /**
   * Items already stored by an interrupted write (a poll that crashed, was
   * stopped or lost its database mid-write) whose index this poll completed:
   * neither new nor merged, but listed from now on.
   */
  itemsRepaired: number;
  /** One readable sentence per item that could not be used. */
  rejected: string[];
  /** Theme id → number of new articles with that theme. */
  newByTheme: Record<string, number>;
  /** New articles that matched no theme. */
  newWithoutTheme: number;
  error?: string;
  httpStatus?: number;
  /** The feed's URL after redirects. */
  finalUrl?: string;
  /** Article pages fetched for full text, and those that fell back to the feed's text. */
  fullTextFetched: number;
  fullTextFailed: string[];
  /** When it will be tried again: after a failure, or when the feed's own caching hint delays it. */
  nextAttemptAt?: string;
  /** Items whose date nothing could read: they carry their first-seen time. One sentence each. */
  unreadableDates: string[];
  /**
   * Identity decisions: items of this document merged into one article, items
   * kept apart (in this document, or from a live-blog post stored earlier),
   * and items that are a story stored from another feed (same outlet and
   * title: story-identity.ts), merged into it. One sentence each.
   */
  identity: { merged: string[]; split: string[]; stories: string[] };
  /** Text printed by the server before or after the feed's root element, skipped. */
  skippedJunk?: string;
  /** The feed answered 301/308 all the way: where it lives now (update the feed list). */
  movedPermanentlyTo?: string;
  /** 410 Gone: not polled again until its URL in the list changes. */
  gone?: boolean;
  /** 200 answers in a row with no item; set from the second one on. */
  emptyPolls?: number;
  durationMs: number;
}

export { EMPTY_POLLS_FLAG };

export async function pollFeed(feed: FeedSource, deps: PollDeps, options: PollOptions = {}): Promise<FeedPollReport> {
  const startedAt = deps.clock.now();
  const started = performance.now();
  const report = emptyReport(feed);
  let previous: FeedState = { feedId: feed.id, url: feed.url, consecutiveFailures: 0 };
  try {
    previous = (await deps.feedStates.get(feed.id)) ?? previous;
    const validators = previous.url === feed.url ? { etag: previous.etag, lastModified: previous.lastModified } : {};
    const read = await readFeed(feed, deps.fetcher, validators, startedAt);
    if (read.status === 'not_modified') {
      Object.assign(report, { status: 'not_modified', httpStatus: 304, finalUrl: read.url });
      await deps.feedStates.put({ ...succeeded(previous, feed, startedAt, 304), finalUrl: differs(read.url, feed.url) });
      return finish(report, started);
    }
    Object.assign(report, {
      httpStatus: read.httpStatus,
      finalUrl: read.url,
      itemsSeen: read.itemsSeen,
      rejected: read.rejected,
      unreadableDates: read.unreadableDates,
      identity: { ...read.identity, stories: [] },
      ...(read.skippedJunk ? { skippedJunk: read.skippedJunk } : {}),
      ...(read.movedPermanentlyTo ? { movedPermanentlyTo: read.movedPermanentlyTo } : {}),
    });
    const emptyPolls = read.itemsSeen === 0 ? (previous.emptyPolls ?? 0) + 1 : 0;
    if (emptyPolls >= EMPTY_POLLS_FLAG) report.emptyPolls = emptyPolls;
    const hint = nextPollFromHints(startedAt, read);
    if (hint) report.nextAttemptAt = hint.at;
    // One batch read tells which items are stored already; those seen before from this feed cost nothing more.
    const asked = [...read.drafts.map((d) => d.id), ...alternateIds(read.drafts)];
    const stored = await deps.articles.findStored(asked, storyKeysOf(read.drafts));
    report.itemsRepaired = new Set(asked.filter((id) => stored.repaired.has(id))).size;
    const posts = separatePosts(read.drafts, stored);
    const joined = joinStories(posts.drafts, stored);
    report.identity = { merged: report.identity.merged, split: [...report.identity.split, ...posts.split], stories: joined.merged };
    const changed = joined.drafts.filter((draft) => {
      const known = stored.get(draft.id);
      return !known || missingSources(known, draft).length > 0;
    });
    let pagesLeft = feed.fullText ? (options.maxFullTextPages ?? 25) : 0;
    const articles = await mapLimited(changed, options.itemConcurrency ?? 4, async (draft) => {
      let ready: ArticleDraft = draft;
      // An aggregator's opaque link (Google News) leads to no article page: never fetched.
      if (pagesLeft > 0 && !stored.has(draft.id) && !isOpaqueAggregatorLink(draft.canonicalUrl)) {
        pagesLeft--;
        const full = await withFullText(draft, deps.fetcher);
        if (full.ok) report.fullTextFetched++;
        else report.fullTextFailed.push(full.error);
        ready = full.draft;
      }
      return tagDraft(ready, deps.tagger);
    });
    const outcomes = await deps.articles.putArticles(articles, stored);
    articles.forEach((article, i) => count(report, article, outcomes[i]!));
    report.status = 'ok';
    await deps.feedStates.put({
      ...succeeded(previous, feed, startedAt, read.httpStatus),
      etag: read.validators.etag,
      lastModified: read.validators.lastModified,
      itemsSeen: read.itemsSeen,
      itemsNew: report.itemsNew,
      itemsRejected: read.rejected.length,
      finalUrl: differs(read.url, feed.url),
      lastFullTextError: report.fullTextFailed.at(-1) ?? (feed.fullText ? undefined : previous.lastFullTextError),
      movedPermanentlyTo: read.movedPermanentlyTo,
      emptyPolls,
      nextAttemptAt: hint?.at,
      nextAttemptReason: hint?.reason,
    });
  } catch (error) {
    // The database being down is no fault of this feed: end the run rather than poll on and record nothing.
    if (error instanceof StoreUnavailableError) throw error;
    report.status = 'failed';
    report.error = readable(error);
    report.httpStatus = error instanceof FetchError ? error.status : undefined;
    const state = failed(previous, feed, startedAt, report.error, report.httpStatus);
    const retryAt = error instanceof FetchError ? retryAfterInstant(startedAt, error.retryAfter) : undefined;
    if (retryAt && (!state.nextAttemptAt || retryAt.toISOString() > state.nextAttemptAt)) {
      Object.assign(state, { nextAttemptAt: retryAt.toISOString(), nextAttemptReason: 'Retry-After' });
    }
    if (error instanceof FetchError && error.status === 410) Object.assign(state, { gone: true });
    report.gone = state.gone === true ? true : undefined;
    report.nextAttemptAt = state.gone ? undefined : state.nextAttemptAt;
    await deps.feedStates.put(state).catch((stateError: unknown) => {
      report.error += ` (and its state could not be saved: ${readable(stateError)})`;
    });
  }
  return finish(report, started);
}

/** Polls feeds with at most `concurrency` in flight; reports come back in feed order. */
export async function pollFeeds(
  feeds: FeedSource[],
  deps: PollDeps,
  concurrency = FEED_CONCURRENCY,
  options: PollOptions & { onReport?: (report: FeedPollReport, index: number) => void } = {},
): Promise<FeedPollReport[]> {
  return mapLimited(feeds, concurrency, async (feed, index) => {
    const report = await pollFeed(feed, deps, options);
    options.onReport?.(report, index);
    return report;
  });
}

export function tagDraft(draft: ArticleDraft, tagger: ArticleTagger): Article {
  return { ...draft, ...tagger.tag({ title: draft.title, summary: draft.summary, text: draft.text }) };
}

function count(report: FeedPollReport, article: Article, outcome: PutOutcome): void {
  if (outcome === 'merged') report.itemsMerged++;
  if (outcome !== 'new') return;
  report.itemsNew++;
  if (article.themes.length === 0) report.newWithoutTheme++;
  for (const tag of article.themes) report.newByTheme[tag.theme] = (report.newByTheme[tag.theme] ?? 0) + 1;
}

function emptyReport(feed: FeedSource): FeedPollReport {
  return {
    feedId: feed.id,
    url: feed.url,
    status: 'failed',
    itemsSeen: 0,
    itemsNew: 0,
    itemsMerged: 0,
    itemsRepaired: 0,
    rejected: [],
    newByTheme: {},
    newWithoutTheme: 0,
    fullTextFetched: 0,
    fullTextFailed: [],
    unreadableDates: [],
    identity: { merged: [], split: [], stories: [] },
    durationMs: 0,
  };
}

function finish(report: FeedPollReport, started: number): FeedPollReport {
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

function succeeded(previous: FeedState, feed: FeedSource, at: Date, httpStatus: number): FeedState {
  return {
    ...previous,
    url: feed.url,
    lastAttemptAt: at.toISOString(),
    lastSuccessAt: at.toISOString(),
    httpStatus,
    consecutiveFailures: 0,
    lastError: undefined,
    nextAttemptAt: undefined,
    nextAttemptReason: undefined,
    gone: undefined,
  };
}

function failed(previous: FeedState, feed: FeedSource, at: Date, message: string, httpStatus?: number): FeedState {
  const failures = previous.consecutiveFailures + 1;
  return {
    ...previous,
    url: feed.url,
    lastAttemptAt: at.toISOString(),
    httpStatus,
    consecutiveFailures: failures,
    lastError: message,
    nextAttemptAt: nextAttemptAfterFailure(at, failures),
    nextAttemptReason: 'backoff',
    // A feed whose list URL changed is a new feed: what was gone at the old URL says nothing about it.
    gone: previous.url === feed.url ? previous.gone : undefined,
  };
}

function differs(actual: string, listed: string): string | undefined {
  return actual === listed ? undefined : actual;
}

function readable(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
