import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { dispatchDueFeeds } from '../../lambdas/feeds/dispatch-feeds.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { FeedQueueError } from '../../lambdas/feeds/queue/errors.ts';
import { createInMemoryFeedQueue } from '../../lambdas/feeds/queue/in-memory-feed-queue.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { createTestStores } from '../support/dynamodb.ts';

const now = '2026-11-22T12:00:00.000Z';
const feed = (id: string): FeedSource => ({ id, name: id, url: `https://example.pe/${id}/feed`, lang: 'es', fullText: false });
const feeds = ['never-polled', 'in-backoff', 'failing-two-days', 'fresh'].map(feed);

describe('dispatchDueFeeds', () => {
  let stores: StoreContext;

  beforeAll(async () => {
    stores = await createTestStores();
    await stores.feedStates.put({ feedId: 'in-backoff', url: feeds[1]!.url, consecutiveFailures: 2, nextAttemptAt: '2026-11-22T12:30:00.000Z', lastSuccessAt: '2026-11-22T11:00:00.000Z' });
    await stores.feedStates.put({ feedId: 'failing-two-days', url: feeds[2]!.url, consecutiveFailures: 9, lastSuccessAt: '2026-11-20T12:00:00.000Z', lastError: 'fetch: 503' });
    await stores.feedStates.put({ feedId: 'fresh', url: feeds[3]!.url, consecutiveFailures: 0, lastSuccessAt: '2026-11-22T11:45:00.000Z' });
    // A feed no longer in the list: never queued, never reported.
    await stores.feedStates.put({ feedId: 'removed', url: 'https://example.pe/removed', consecutiveFailures: 40, lastSuccessAt: '2026-10-01T00:00:00.000Z' });
  });
  afterAll(() => stores.close());

  it('queues the due feeds in list order and names the listed feeds failing for a day', async () => {
    const queue = createInMemoryFeedQueue();
    const report = await dispatchDueFeeds({ feeds, feedStates: stores.feedStates, queue, clock: fixedClock(now) });
    expect(queue.queued.map((f) => f.id)).toEqual(['never-polled', 'failing-two-days', 'fresh']);
    expect(report.dispatched).toEqual(queue.queued);
    expect(report.failingForADay.map((s) => s.feedId)).toEqual(['failing-two-days']);
  });

  it('lets a refusal by the queue fail the run, naming the feed', async () => {
    const queue = createInMemoryFeedQueue({ refuse: ['fresh'] });
    const failure = dispatchDueFeeds({ feeds, feedStates: stores.feedStates, queue, clock: fixedClock(now) });
    await expect(failure).rejects.toBeInstanceOf(FeedQueueError);
    await expect(failure).rejects.toThrow('dispatch: the queue refused 1 message(s) for fresh');
  });
});
