/**
 * The port dispatch queues due feeds through: one message per feed, read by
 * poll-feed. The SQS adapter (sqs-feed-queue.ts) is the deployed one; the
 * in-memory adapter (in-memory-feed-queue.ts) keeps what it was given, for
 * tests and for a local run that polls in-process.
 */
import type { FeedSource } from '../feed-source.ts';

export interface FeedQueue {
  /**
   * Queues one message per feed, in order. Throws a FeedQueueError naming the
   * feeds the queue refused; feeds queued before the refusal stay queued.
   */
  enqueue(feeds: FeedSource[]): Promise<void>;
}
