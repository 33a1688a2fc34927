import type { SendMessageBatchCommand, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../../../lambdas/feeds/feed-source.ts';
import { FeedQueueError } from '../../../lambdas/feeds/queue/errors.ts';
import { createInMemoryFeedQueue } from '../../../lambdas/feeds/queue/in-memory-feed-queue.ts';
import { createSqsFeedQueue } from '../../../lambdas/feeds/queue/sqs-feed-queue.ts';

const feed = (id: string): FeedSource => ({ id, name: id, url: `https://example.pe/${id}/feed`, lang: 'es', fullText: false });
const feeds = Array.from({ length: 23 }, (_, i) => feed(`feed-${String(i + 1).padStart(2, '0')}`));
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/feeds';

/** SQS can't run here: the fake records each SendMessageBatch input and answers like SQS, refusing the listed feeds. */
function fakeSqs(refuse: string[] = []) {
  const sent: SendMessageBatchCommand['input'][] = [];
  return {
    sent,
    async send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> {
      sent.push(command.input);
      const entries = command.input.Entries ?? [];
      const failed = entries.filter((e) => refuse.includes(JSON.parse(e.MessageBody!).id));
      return {
        $metadata: {},
        Successful: entries.filter((e) => !failed.includes(e)).map((e) => ({ Id: e.Id!, MessageId: `m-${e.Id}`, MD5OfMessageBody: '' })),
        Failed: failed.map((e) => ({ Id: e.Id!, SenderFault: true, Code: 'Throttled', Message: 'slow down' })),
      };
    },
  };
}

describe('createSqsFeedQueue', () => {
  it('sends one message per feed (the feed as JSON), ten per SendMessageBatch, in order', async () => {
    const sqs = fakeSqs();
    await createSqsFeedQueue(sqs, QUEUE).enqueue(feeds);
    expect(sqs.sent.map((batch) => batch.Entries?.length)).toEqual([10, 10, 3]);
    expect(sqs.sent[2]).toEqual({
      QueueUrl: QUEUE,
      Entries: feeds.slice(20).map((f, i) => ({ Id: String(i), MessageBody: JSON.stringify(f) })),
    });
  });

  it('sends nothing for no feeds', async () => {
    const sqs = fakeSqs();
    await createSqsFeedQueue(sqs, QUEUE).enqueue([]);
    expect(sqs.sent).toEqual([]);
  });

  it('throws a FeedQueueError naming the refused feeds and sends no later batch', async () => {
    const sqs = fakeSqs(['feed-12', 'feed-15']);
    const error = await createSqsFeedQueue(sqs, QUEUE).enqueue(feeds).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedQueueError);
    expect(error).toMatchObject({ kind: 'refused', feedIds: ['feed-12', 'feed-15'], message: 'dispatch: SQS refused 2 message(s) for feed-12, feed-15: slow down' });
    expect(sqs.sent).toHaveLength(2);
  });
});

describe('createInMemoryFeedQueue', () => {
  it('keeps the queued feeds in order until drained', async () => {
    const queue = createInMemoryFeedQueue();
    await queue.enqueue(feeds.slice(0, 2));
    await queue.enqueue(feeds.slice(2, 3));
    expect(queue.queued.map((f) => f.id)).toEqual(['feed-01', 'feed-02', 'feed-03']);
    expect(queue.drain().map((f) => f.id)).toEqual(['feed-01', 'feed-02', 'feed-03']);
    expect(queue.queued).toEqual([]);
  });

  it('queues the rest and then refuses the listed feeds like the SQS adapter', async () => {
    const queue = createInMemoryFeedQueue({ refuse: ['feed-02'] });
    const error = await queue.enqueue(feeds.slice(0, 3)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'refused', feedIds: ['feed-02'], message: 'dispatch: the queue refused 1 message(s) for feed-02' });
    expect(queue.queued.map((f) => f.id)).toEqual(['feed-01', 'feed-03']);
  });
});
