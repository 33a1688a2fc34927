import { describe, expect, it } from 'vitest';
import { backoffDelayMs, BACKOFF_CAP_MS, nextAttemptAfterFailure, nextPollFromHints, retryAfterInstant, selectDueFeeds } from '../../../lambdas/feeds/state/due-feeds.ts';
import type { FeedSource } from '../../../lambdas/feeds/feed-source.ts';

const feed = (id: string): FeedSource => ({ id, name: id, url: `https://example.pe/${id}`, lang: 'es', fullText: false });
const now = new Date('2026-11-22T12:00:00.000Z');

describe('selectDueFeeds', () => {
  it('keeps never-polled, healthy and past-backoff feeds and skips feeds still in backoff', () => {
    const feeds = ['new', 'healthy', 'waiting', 'retry'].map(feed);
    const due = selectDueFeeds(
      feeds,
      [
        { feedId: 'healthy', url: '', consecutiveFailures: 0 },
        { feedId: 'waiting', url: '', consecutiveFailures: 3, nextAttemptAt: '2026-11-22T12:30:00.000Z' },
        { feedId: 'retry', url: '', consecutiveFailures: 1, nextAttemptAt: '2026-11-22T12:00:00.000Z' },
      ],
      now,
    );
    expect(due.map((f) => f.id)).toEqual(['new', 'healthy', 'retry']);
  });
});

describe('backoff', () => {
  it('doubles from 15 minutes and stops at the cap', () => {
    expect(backoffDelayMs(0)).toBe(0);
    expect(backoffDelayMs(1)).toBe(15 * 60_000);
    expect(backoffDelayMs(2)).toBe(30 * 60_000);
    expect(backoffDelayMs(4)).toBe(120 * 60_000);
    expect(backoffDelayMs(50)).toBe(BACKOFF_CAP_MS);
    expect(nextAttemptAfterFailure(now, 2)).toBe('2026-11-22T12:30:00.000Z');
  });
});

describe('scheduling from what the feed and the server say (issue 14, kind 5)', () => {
  const at = new Date('2026-11-22T12:00:00.000Z');
  const listed: FeedSource = { id: 'a', name: 'A', url: 'https://a.example.pe/rss', lang: 'es', fullText: false };

  it('waits the larger of max-age and ttl, at most 6 hours; nothing without hints', () => {
    expect(nextPollFromHints(at, { maxAgeSeconds: 900, ttlMinutes: 60 })).toEqual({ at: '2026-11-22T13:00:00.000Z', reason: 'RSS ttl' });
    expect(nextPollFromHints(at, { maxAgeSeconds: 1800 })).toEqual({ at: '2026-11-22T12:30:00.000Z', reason: 'Cache-Control max-age' });
    expect(nextPollFromHints(at, { ttlMinutes: 10_000 })).toEqual({ at: '2026-11-22T18:00:00.000Z', reason: 'RSS ttl' });
    expect(nextPollFromHints(at, {})).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date, never in the past nor more than a day ahead', () => {
    expect(retryAfterInstant(at, '120')?.toISOString()).toBe('2026-11-22T12:02:00.000Z');
    expect(retryAfterInstant(at, 'Sun, 22 Nov 2026 18:00:00 GMT')?.toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(retryAfterInstant(at, 'Sun, 22 Nov 2026 06:00:00 GMT')?.toISOString()).toBe(at.toISOString());
    expect(retryAfterInstant(at, '999999')?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(retryAfterInstant(at, 'soon')).toBeUndefined();
  });

  it('never selects a gone feed again, unless its URL in the list changed', () => {
    const gone = { feedId: 'a', url: listed.url, consecutiveFailures: 1, gone: true };
    expect(selectDueFeeds([listed], [gone], at)).toEqual([]);
    const moved = { ...listed, url: 'https://a.example.pe/feed/' };
    expect(selectDueFeeds([moved], [gone], at)).toEqual([moved]);
  });
});
