/**
 * Which feeds to poll now, and when a failing feed may be tried again.
 * Pure: the dispatcher Lambda and the CLI pass the feed list, the stored
 * states and the time.
 */
import type { FeedSource } from '../feed-source.ts';
import type { FeedState } from './feed-state.ts';

/** First retry after a failure waits this long; each further failure doubles it… */
export const BACKOFF_BASE_MS = 15 * 60 * 1000;
/** …up to this cap, so a feed that comes back is picked up within a day. */
export const BACKOFF_CAP_MS = 24 * 60 * 60 * 1000;

/** Feeds whose state allows a poll at `now`: never polled, healthy, or past their backoff. */
export function selectDueFeeds(feeds: FeedSource[], states: FeedState[], now: Date): FeedSource[] {
  const byId = new Map(states.map((state) => [state.feedId, state]));
  return feeds.filter((feed) => {
    const next = byId.get(feed.id)?.nextAttemptAt;
    if (!next) return true;
    const at = Date.parse(next);
    return Number.isNaN(at) || at <= now.getTime();
  });
}

/** How long to wait after `consecutiveFailures` failures in a row (≥ 1): 15 min, 30 min, 1 h, … ≤ 24 h. */
export function backoffDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  const exponent = Math.min(consecutiveFailures - 1, 20);
  return Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS);
}

/** The instant a feed that just failed for the n-th time in a row may be polled again. */
export function nextAttemptAfterFailure(at: Date, consecutiveFailures: number): string {
  return new Date(at.getTime() + backoffDelayMs(consecutiveFailures)).toISOString();
}
