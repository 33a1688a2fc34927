import { describe, expect, it } from 'vitest';
import { feedsFailingForADay } from '../../../lambdas/feeds/state/feed-health.ts';

const now = new Date('2026-11-22T12:00:00.000Z');

describe('feedsFailingForADay', () => {
  it('counts a failing feed whose last success is a day old, not a healthy or recently good one', () => {
    const ids = feedsFailingForADay(
      [
        { feedId: 'healthy', url: '', consecutiveFailures: 0, lastSuccessAt: '2026-11-10T00:00:00.000Z' },
        { feedId: 'blip', url: '', consecutiveFailures: 1, lastSuccessAt: '2026-11-22T11:45:00.000Z' },
        { feedId: 'down', url: '', consecutiveFailures: 8, lastSuccessAt: '2026-11-21T11:59:00.000Z' },
      ],
      now,
    ).map((s) => s.feedId);
    expect(ids).toEqual(['down']);
  });

  it('for a feed that never succeeded, counts only once its backoff-spaced failures span a day', () => {
    // Failures 1..7 are spaced 15+30+60+120+240+480 min = 15 h 45 min; 8 failures add 16 h more.
    const young = { feedId: 'young', url: '', consecutiveFailures: 7, lastAttemptAt: '2026-11-22T12:00:00.000Z' };
    const old = { feedId: 'old', url: '', consecutiveFailures: 8, lastAttemptAt: '2026-11-22T12:00:00.000Z' };
    expect(feedsFailingForADay([young, old], now).map((s) => s.feedId)).toEqual(['old']);
  });
});
