import { describe, expect, it } from 'vitest';
import { backoffDelayMs, BACKOFF_CAP_MS, nextAttemptAfterFailure, selectDueFeeds } from '../../../lambdas/feeds/state/due-feeds.ts';
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
