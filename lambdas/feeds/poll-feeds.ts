/**
 * The poll-feed job, the same for the Lambda and the CLI:
 *  1. read the feed's state (validators, failures)
 *  2. fetch with a conditional request; a 304 ends here
 *  3. decode the bytes and parse with rss-parser
 *  4. normalize each item into an article draft (rejecting items without a link)
 *  5. tag each draft
 *  6. store each article (new, merged source, or unchanged)
 *  7. record the feed's health
 * One bad feed never fails the others.
 */
import type { Article, ArticleDraft, TagResult } from '../model/article.ts';
import type { Clock } from '../model/clock.ts';
import type { ArticleStore, PutOutcome } from '../store/article-store.ts';
import { decodeBody } from './decode-body.ts';
import type { FeedFetcher } from './feed-fetcher.ts';
import type { FeedSource } from './feed-source.ts';
import type { FeedState, FeedStateStore } from './feed-state.ts';
import { normalizeItem } from './normalize-item.ts';
import { parseFeed } from './parse-feed.ts';

export interface ArticleTagger {
  tag(input: { title: string; summary: string; text: string }): TagResult;
}

export interface PollDeps {
  fetcher: FeedFetcher;
  articles: ArticleStore;
  feedStates: FeedStateStore;
  tagger: ArticleTagger;
  clock: Clock;
}

export interface FeedPollReport {
  feedId: string;
  url: string;
  status: 'ok' | 'not_modified' | 'failed';
  itemsSeen: number;
  itemsNew: number;
  itemsMerged: number;
  /** One readable sentence per item that could not be used. */
  rejected: string[];
  /** Theme id → number of new articles with that theme. */
  newByTheme: Record<string, number>;
  /** New articles that matched no theme. */
  newWithoutTheme: number;
  error?: string;
}

export async function pollFeed(feed: FeedSource, deps: PollDeps): Promise<FeedPollReport> {
  const startedAt = deps.clock.now();
  const previous = (await deps.feedStates.get(feed.id)) ?? { feedId: feed.id, url: feed.url, consecutiveFailures: 0 };
  const report: FeedPollReport = emptyReport(feed);
  try {
    const fetched = await deps.fetcher.fetch(feed.url, { etag: previous.etag, lastModified: previous.lastModified });
    if (fetched.status === 'not_modified') {
      report.status = 'not_modified';
      await deps.feedStates.put(succeeded(previous, feed, startedAt, 304, report));
      return report;
    }
    const parsed = await parseFeed(decodeBody(fetched.body, fetched.contentType).text, fetched.url);
    const drafts = uniqueDrafts(parsed.items.map((item) => normalizeItem(item, feed, fetched.url, startedAt)), report);
    for (const draft of drafts) {
      const article = tagDraft(draft, deps.tagger);
      count(report, article, await deps.articles.putArticle(article));
    }
    report.status = 'ok';
    await deps.feedStates.put({
      ...succeeded(previous, feed, startedAt, fetched.httpStatus, report),
      etag: fetched.validators.etag,
      lastModified: fetched.validators.lastModified,
    });
  } catch (error) {
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    await deps.feedStates.put(failed(previous, feed, startedAt, report.error, error));
  }
  return report;
}

/** Polls feeds with at most `concurrency` in flight; reports come back in feed order. */
export async function pollFeeds(feeds: FeedSource[], deps: PollDeps, concurrency = 8): Promise<FeedPollReport[]> {
  const reports: FeedPollReport[] = new Array(feeds.length);
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      const index = next++;
      reports[index] = await pollFeed(feeds[index]!, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, feeds.length) }, worker));
  return reports;
}

export function tagDraft(draft: ArticleDraft, tagger: ArticleTagger): Article {
  return { ...draft, ...tagger.tag({ title: draft.title, summary: draft.summary, text: draft.text }) };
}

function uniqueDrafts(results: ReturnType<typeof normalizeItem>[], report: FeedPollReport): ArticleDraft[] {
  const byId = new Map<string, ArticleDraft>();
  for (const result of results) {
    report.itemsSeen++;
    if (!result.ok) report.rejected.push(result.reason);
    else if (!byId.has(result.draft.id)) byId.set(result.draft.id, result.draft);
  }
  return [...byId.values()];
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
    rejected: [],
    newByTheme: {},
    newWithoutTheme: 0,
  };
}

function succeeded(previous: FeedState, feed: FeedSource, at: Date, httpStatus: number, report: FeedPollReport): FeedState {
  return {
    ...previous,
    url: feed.url,
    lastAttemptAt: at.toISOString(),
    lastSuccessAt: at.toISOString(),
    httpStatus,
    consecutiveFailures: 0,
    lastError: undefined,
    itemsSeen: report.itemsSeen,
    itemsNew: report.itemsNew,
    nextAttemptAt: undefined,
  };
}

function failed(previous: FeedState, feed: FeedSource, at: Date, message: string, error: unknown): FeedState {
  return {
    ...previous,
    url: feed.url,
    lastAttemptAt: at.toISOString(),
    httpStatus: (error as { status?: number }).status,
    consecutiveFailures: previous.consecutiveFailures + 1,
    lastError: message,
  };
}
