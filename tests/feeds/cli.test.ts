import { describe, expect, it } from 'vitest';
import { feedHealth } from '../../bin/cli/feeds.ts';
import { fetcherOptions, progressLine, summarize } from '../../bin/cli/poll.ts';
import type { FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';

const report = (over: Partial<FeedPollReport>): FeedPollReport => ({
  feedId: 'f', url: 'https://f.pe/rss', status: 'ok', itemsSeen: 0, itemsNew: 0, itemsMerged: 0, itemsRepaired: 0, rejected: [],
  newByTheme: {}, newWithoutTheme: 0, fullTextFetched: 0, fullTextFailed: [], unreadableDates: [], identity: { merged: [], split: [], stories: [] },
  durationMs: 1200, ...over,
});

describe('poll command helpers', () => {
  it('leaves private addresses allowed by default and blocks them with the flag or the environment setting', () => {
    expect(fetcherOptions({}, {}).blockPrivateAddresses).toBe(false);
    expect(fetcherOptions({ blockPrivateAddresses: true }, {}).blockPrivateAddresses).toBe(true);
    expect(fetcherOptions({}, { CENTINELA_BLOCK_PRIVATE_ADDRESSES: '1' }).blockPrivateAddresses).toBe(true);
    expect(fetcherOptions({}, { CENTINELA_BLOCK_PRIVATE_ADDRESSES: '0' }).blockPrivateAddresses).toBe(false);
    expect(() => fetcherOptions({}, { CENTINELA_BLOCK_PRIVATE_ADDRESSES: 'yes please' })).toThrow(/must be 1 or 0/);
  });

  it('prints one line per feed and a summary', () => {
    expect(progressLine(report({ itemsSeen: 12, itemsNew: 3, itemsMerged: 1, rejected: ['x'] }), 2, 10)).toBe(
      '[ 2/10] ok       f: 12 items, 3 new, 1 merged, 1 rejected (1.2 s)',
    );
    const identity = { merged: ['repeat'], split: ['page#1', 'page#2'], stories: ['correo'] };
    expect(progressLine(report({ itemsSeen: 5, itemsNew: 1, itemsMerged: 1, identity }), 1, 1)).toBe(
      '[1/1] ok       f: 5 items, 1 new, 1 merged, 1 repeated in the feed (stored once), 2 shared page(s) split by #fragment, 1 already stored from another feed (same outlet and title) (1.2 s)',
    );
    expect(progressLine(report({ status: 'failed', error: 'fetch: 404 Not Found for feed https://f.pe/rss' }), 1, 1)).toBe(
      '[1/1] FAILED   f: fetch: 404 Not Found for feed https://f.pe/rss (1.2 s)',
    );
    expect(summarize([report({ itemsSeen: 4, itemsNew: 4 }), report({ status: 'not_modified' }), report({ status: 'failed' })])).toBe(
      '3 feed(s): 1 ok, 1 not modified, 1 failed. Items: 4 seen, 4 new, 0 merged, 0 rejected, 0 with an unreadable date',
    );
  });

  it('counts the items an interrupted poll stored and this one listed as repaired, apart from new ones', () => {
    expect(progressLine(report({ itemsSeen: 3000, itemsNew: 176, itemsRepaired: 2824 }), 1, 1)).toBe(
      '[1/1] ok       f: 3000 items, 176 new, 2824 repaired (stored by an interrupted poll, now listed) (1.2 s)',
    );
    expect(summarize([report({ itemsSeen: 3000, itemsNew: 176, itemsRepaired: 2824 })])).toBe(
      '1 feed(s): 1 ok, 0 not modified, 0 failed. Items: 3000 seen, 176 new, 0 merged, 2824 repaired (stored by an interrupted poll, now listed), 0 rejected, 0 with an unreadable date',
    );
  });
});

describe('feedHealth', () => {
  it('tells never-polled, healthy, failing and backed-off feeds apart and keeps unlisted states', () => {
    const list = ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id, url: `https://${id}.pe/rss`, lang: 'es' as const, fullText: false }));
    const rows = feedHealth(
      list,
      [
        { feedId: 'b', url: '', consecutiveFailures: 0 },
        { feedId: 'c', url: '', consecutiveFailures: 2, nextAttemptAt: '2026-11-22T18:00:00.000Z' },
        { feedId: 'd', url: '', consecutiveFailures: 1, nextAttemptAt: '2026-11-22T16:00:00.000Z' },
        { feedId: 'old', url: 'https://old.pe/rss', consecutiveFailures: 0 },
      ],
      new Date('2026-11-22T17:00:00.000Z'),
    );
    expect(rows.map((r) => [r.id, r.health, r.listed])).toEqual([
      ['a', 'never polled', true],
      ['b', 'healthy', true],
      ['c', 'backoff', true],
      ['d', 'failing', true],
      ['old', 'healthy', false],
    ]);
  });
});
