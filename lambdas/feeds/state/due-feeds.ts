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

/** A feed's own caching hint (max-age, ttl) delays its next poll by at most this long. */
export const CACHE_HINT_CAP_MS = 6 * 60 * 60 * 1000;

/**
 * Feeds whose state allows a poll at `now`: never polled, healthy, or past
 * their backoff, Retry-After or caching hint. A feed that answered 410 Gone
 * is never due again, unless its URL in the list changed since.
 */
export function selectDueFeeds(feeds: FeedSource[], states: FeedState[], now: Date): FeedSource[] {
  const byId = new Map(states.map((state) => [state.feedId, state]));
  return feeds.filter((feed) => {
    const state = byId.get(feed.id);
    if (state?.gone && state.url === feed.url) return false;
    const next = state?.nextAttemptAt;
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

/**
 * When a feed that answered may be polled again, from its own hints (as
 * Miniflux does): the larger of Cache-Control max-age and RSS <ttl>, at most
 * CACHE_HINT_CAP_MS; undefined when it gives none (poll every cycle).
 */
export function nextPollFromHints(at: Date, hints: { maxAgeSeconds?: number; ttlMinutes?: number }): { at: string; reason: string } | undefined {
  const maxAgeMs = (hints.maxAgeSeconds ?? 0) * 1000;
  const ttlMs = (hints.ttlMinutes ?? 0) * 60_000;
  const wait = Math.min(Math.max(maxAgeMs, ttlMs), CACHE_HINT_CAP_MS);
  if (wait <= 0) return undefined;
  return { at: new Date(at.getTime() + wait).toISOString(), reason: ttlMs > maxAgeMs ? 'RSS ttl' : 'Cache-Control max-age' };
}

/** A Retry-After header (delay in seconds, or an HTTP date) as an instant, at most a day ahead; undefined if unreadable. */
export function retryAfterInstant(at: Date, retryAfter: string | undefined): Date | undefined {
  if (!retryAfter) return undefined;
  const when = /^\d+$/.test(retryAfter) ? at.getTime() + Number(retryAfter) * 1000 : Date.parse(retryAfter);
  if (Number.isNaN(when)) return undefined;
  return new Date(Math.min(Math.max(when, at.getTime()), at.getTime() + BACKOFF_CAP_MS));
}
