/**
 * `centinela feeds check --all`: every feed of a list fetched and read once,
 * storing nothing; one line per feed a person can act on (OK, items, newest
 * date; or the error and what to do about it).
 */
import { FetchError } from '../../lambdas/feeds/fetch/errors.ts';
import { FeedParseError } from '../../lambdas/feeds/parse/errors.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import type { FeedFetcher } from '../../lambdas/feeds/fetch/feed-fetcher.ts';
import { readFeed } from '../../lambdas/feeds/parse/read-feed.ts';
import { mapLimited } from '../../lambdas/concurrency/map-limited.ts';
import { formatLimaTime } from '../../lambdas/model/lima-time.ts';
import { formatTable } from './output.ts';

/** A feed whose newest item is older than this is reported as stale. */
const STALE_DAYS = 30;

export interface FeedCheckLine {
  id: string;
  url: string;
  status: 'OK' | 'WARN' | 'FAILED';
  items?: number;
  /** ISO instant of the newest item with a feed date. */
  newest?: string;
  httpStatus?: number;
  /** What went wrong, in the stage's words. */
  problem?: string;
  /** What to do about it. */
  todo?: string;
}

/** Checks every feed (at most `concurrency` at a time); lines come back in list order. */
export async function checkAllFeeds(feeds: FeedSource[], fetcher: FeedFetcher, now: Date, concurrency = 4): Promise<FeedCheckLine[]> {
  return mapLimited(feeds, concurrency, async (feed): Promise<FeedCheckLine> => {
    try {
      const read = await readFeed(feed, fetcher, {}, now);
      if (read.status !== 'ok') return { id: feed.id, url: feed.url, status: 'FAILED', problem: 'answered 304 to a request without validators', todo: 'report it to the site; nothing to change here' };
      const dated = read.drafts.filter((d) => d.dateSource === 'feed').map((d) => d.publishedAt).sort();
      const newest = dated.at(-1);
      const line: FeedCheckLine = { id: feed.id, url: feed.url, status: 'OK', items: read.itemsSeen, httpStatus: read.httpStatus, ...(newest ? { newest } : {}) };
      if (read.movedPermanentlyTo) return { ...line, status: 'WARN', problem: `moved permanently to ${read.movedPermanentlyTo}`, todo: `set "url" to ${read.movedPermanentlyTo}` };
      if (read.itemsSeen === 0) return { ...line, status: 'WARN', problem: 'the feed has no items', todo: 'check the URL: Arc sites answer 200 with no items for a wrong section slug' };
      if (newest && now.getTime() - Date.parse(newest) > STALE_DAYS * 86_400_000) {
        return { ...line, status: 'WARN', problem: `newest item is from ${newest.slice(0, 10)}`, todo: 'the feed may be abandoned: look for the outlet\'s current feed' };
      }
      if (read.rejected.length) return { ...line, status: 'WARN', problem: `${read.rejected.length} item(s) rejected: ${read.rejected[0]}`, todo: 'nothing, unless most items are rejected' };
      return line;
    } catch (error) {
      return { id: feed.id, url: feed.url, status: 'FAILED', ...diagnose(error) };
    }
  });
}

/** The error in its stage's words and what a person should do about it. */
export function diagnose(error: unknown): Pick<FeedCheckLine, 'problem' | 'todo' | 'httpStatus'> {
  const problem = error instanceof Error ? error.message : String(error);
  if (error instanceof FetchError) {
    const status = error.status;
    const todo = fetchTodo(error, problem);
    return { problem, todo, ...(status ? { httpStatus: status } : {}) };
  }
  if (error instanceof FeedParseError) {
    const todo = /HTML page/.test(problem)
      ? 'the URL is a web page: use the feed it links to (<link rel="alternate" type="application/rss+xml">)'
      : 'the document is not a readable feed: open it, and report it to the outlet if it is broken';
    return { problem, todo };
  }
  return { problem, todo: 'unexpected: report it with this message' };
}

export function formatCheckAll(lines: FeedCheckLine[]): string {
  const table = formatTable(
    ['feed', 'result', 'items', 'newest (Lima)', 'problem → what to do'],
    lines.map((line) => [
      line.id,
      line.httpStatus ? `${line.status} (${line.httpStatus})` : line.status,
      line.items === undefined ? '-' : String(line.items),
      line.newest ? formatLimaTime(line.newest, 'en') : '-',
      line.problem ? `${line.problem} → ${line.todo}` : '',
    ]),
  );
  const count = (status: FeedCheckLine['status']) => lines.filter((line) => line.status === status).length;
  return `${table}\n\n${lines.length} feed(s): ${count('OK')} OK, ${count('WARN')} to look at, ${count('FAILED')} failed. Nothing was stored.`;
}

/** What to do about a feed the fetcher could not get, by the error's kind, status or network code. */
function fetchTodo(error: FetchError, problem: string): string {
  const status = error.status;
  if (error.kind === 'too-large') return 'the feed is larger than the size cap: raise it with --max-bytes (poll, feeds check), or use a smaller section feed of the outlet';
  if (status === 404 || status === 410) {
    return 'the URL is wrong or the feed was removed: find the outlet\'s current feed (a <link rel="alternate"> on its home page) and update "url", or remove the entry';
  }
  if (status === 401 || status === 403) return 'the site refuses automated clients: remove the entry, or follow the outlet through a Google News query (site:host)';
  if (status === 429 || status === 503) {
    return `rate limited or down for now: try again later${error.retryAfter ? ` (the server asks to wait: Retry-After ${error.retryAfter})` : ''}`;
  }
  if (status && status >= 500) return 'the server failed: try again later; if it persists, the feed may be gone';
  if (/ENOTFOUND|EAI_AGAIN/.test(problem)) return 'the host name does not resolve: check the domain in "url"';
  if (/ECONNREFUSED|ECONNRESET|no data|no complete answer/.test(problem)) return 'the server did not answer: try again later';
  return 'check the URL in a browser';
}
