/**
 * FeedQueue on SQS: each feed is one message whose body is the feed as JSON
 * (what poll-feed parses), sent ten per SendMessageBatch, the most SQS takes
 * (SendMessageBatch API reference: "up to 10 messages").
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FeedSource } from '../feed-source.ts';
import { FeedQueueError } from './errors.ts';
import type { FeedQueue } from './feed-queue.ts';

const SQS_BATCH = 10;

/** `sqs` is built at the edge (the handler) and passed in; `queueUrl` is the feed queue's URL. */
export function createSqsFeedQueue(sqs: Pick<SQSClient, 'send'>, queueUrl: string): FeedQueue {
  async function sendBatch(feeds: FeedSource[]): Promise<void> {
    const { Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: feeds.map((feed, index) => ({ Id: String(index), MessageBody: JSON.stringify(feed) })),
      }),
    );
    if (Failed.length > 0) {
      const ids = Failed.map((entry) => feeds[Number(entry.Id)]?.id ?? String(entry.Id));
      throw new FeedQueueError('refused', `SQS refused ${Failed.length} message(s) for ${ids.join(', ')}: ${Failed[0]?.Message ?? Failed[0]?.Code}`, ids);
    }
  }
  return {
    async enqueue(feeds) {
      for (let start = 0; start < feeds.length; start += SQS_BATCH) await sendBatch(feeds.slice(start, start + SQS_BATCH));
    },
  };
}
