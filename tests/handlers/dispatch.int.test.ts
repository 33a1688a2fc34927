import type { SendMessageBatchCommand, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createSqsFeedQueue } from '../../lambdas/feeds/queue/sqs-feed-queue.ts';
import { createDispatchHandler } from '../../lambdas/handlers/dispatch.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { scheduledEvent, telemetry } from './events.ts';

const now = '2026-11-22T12:00:00.000Z';
const feed = (id: string): FeedSource => ({ id, name: id, url: `https://example.pe/${id}/feed`, lang: 'es', fullText: false });

/** SQS can't run here: the fake records each SendMessageBatch input and answers like SQS. */
function fakeSqs(fail: string[] = []) {
  const sent: SendMessageBatchCommand['input'][] = [];
  return {
    sent,
    async send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> {
      sent.push(command.input);
      const entries = command.input.Entries ?? [];
      const failed = entries.filter((e) => fail.some((id) => e.MessageBody?.includes(`"id":"${id}"`)));
      return {
        $metadata: {},
        Successful: entries.filter((e) => !failed.includes(e)).map((e) => ({ Id: e.Id!, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })),
        Failed: failed.map((e) => ({ Id: e.Id!, SenderFault: false, Code: 'InternalError', Message: 'try again' })),
      };
    },
  };
}

describe('dispatch handler', () => {
  let stores: StoreContext;
  const feeds = Array.from({ length: 23 }, (_, i) => feed(`feed-${String(i + 1).padStart(2, '0')}`));

  beforeAll(async () => {
    stores = await createTestStores();
    // In backoff until 12:30: not due.
    await stores.feedStates.put({ feedId: 'feed-02', url: feeds[1]!.url, consecutiveFailures: 2, nextAttemptAt: '2026-11-22T12:30:00.000Z', lastSuccessAt: '2026-11-22T11:00:00.000Z' });
    // Last success two days ago and still failing: due again, and failing for a day.
    await stores.feedStates.put({ feedId: 'feed-03', url: feeds[2]!.url, consecutiveFailures: 9, lastSuccessAt: '2026-11-20T12:00:00.000Z', lastError: 'fetch: 503' });
    await stores.feedStates.put({ feedId: 'feed-04', url: feeds[3]!.url, consecutiveFailures: 0, lastSuccessAt: '2026-11-22T11:45:00.000Z' });
  });
  afterAll(() => stores.close());

  it('queues one message per due feed, ten per SendMessageBatch, on a scheduled event', async () => {
    const sqs = fakeSqs();
    const { logger, metrics, figures } = telemetry();
    const handler = createDispatchHandler({ feeds, feedStates: stores.feedStates, queue: createSqsFeedQueue(sqs, 'https://sqs.us-east-1.amazonaws.com/123456789012/feeds'), clock: fixedClock(now), logger, metrics });

    const result = await handler(scheduledEvent(now));

    const due = feeds.filter((f) => f.id !== 'feed-02');
    expect(sqs.sent.map((batch) => batch.Entries?.length)).toEqual([10, 10, 2]);
    expect(sqs.sent[0]).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/feeds',
      Entries: due.slice(0, 10).map((f, i) => ({ Id: String(i), MessageBody: JSON.stringify(f) })),
    });
    expect(sqs.sent.flatMap((b) => b.Entries!.map((e) => JSON.parse(e.MessageBody!).id))).toEqual(due.map((f) => f.id));
    expect(result).toEqual({ dispatched: 22, failingForADay: ['feed-03'] });
    expect(figures).toEqual({ FeedsDispatched: 22, FeedsFailingForADay: 1 });
  });

  it('works from an empty event too (EventBridge Scheduler sends {} by default)', async () => {
    const sqs = fakeSqs();
    const handler = createDispatchHandler({ feeds: feeds.slice(0, 1), feedStates: stores.feedStates, queue: createSqsFeedQueue(sqs, 'https://q'), clock: fixedClock(now), ...telemetry() });
    expect(await handler({})).toEqual({ dispatched: 1, failingForADay: [] });
  });

  it('fails the invocation, naming the feeds, when SQS refuses entries (the errors alarm fires)', async () => {
    const sqs = fakeSqs(['feed-05']);
    const handler = createDispatchHandler({ feeds, feedStates: stores.feedStates, queue: createSqsFeedQueue(sqs, 'https://q'), clock: fixedClock(now), ...telemetry() });
    await expect(handler(scheduledEvent(now))).rejects.toThrow(/dispatch: SQS refused 1 message\(s\) for feed-05: try again/);
  });
});
