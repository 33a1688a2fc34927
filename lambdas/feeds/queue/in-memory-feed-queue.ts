import type { FeedSource } from '../feed-source.ts';
import { FeedQueueError } from './errors.ts';
import type { FeedQueue } from './feed-queue.ts';

export interface InMemoryFeedQueue extends FeedQueue {
  /** Every feed queued so far, in order. */
  readonly queued: FeedSource[];
  /** Takes the queued feeds out (what a consumer would receive). */
  drain(): FeedSource[];
}

/**
 * A FeedQueue held in memory. `refuse` lists feed ids it will not take, to
 * exercise the refusal path; the rest of the call's feeds are queued first,
 * then a FeedQueueError names the refused ones.
 */
export function createInMemoryFeedQueue(options: { refuse?: string[] } = {}): InMemoryFeedQueue {
  const queued: FeedSource[] = [];
  return {
    queued,
    async enqueue(feeds) {
      const refused = feeds.filter((feed) => options.refuse?.includes(feed.id)).map((feed) => feed.id);
      queued.push(...feeds.filter((feed) => !refused.includes(feed.id)));
      if (refused.length > 0) throw new FeedQueueError('refused', `the queue refused ${refused.length} message(s) for ${refused.join(', ')}`, refused);
    },
    drain: () => queued.splice(0, queued.length),
  };
}
