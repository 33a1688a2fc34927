/**
 * The dispatch job, run every 15 minutes:
 *  1. read every feed's state
 *  2. select the feeds that are due (never polled, or past their interval and backoff)
 *  3. queue one message per due feed
 *  4. name the listed feeds whose last success is more than a day old
 * A refusal by the queue throws (FeedQueueError); the next round queues those feeds again.
 */
import type { Clock } from '../model/clock.ts';
import type { FeedSource } from './feed-source.ts';
import type { FeedQueue } from './queue/feed-queue.ts';
import { selectDueFeeds } from './state/due-feeds.ts';
import { feedsFailingForADay } from './state/feed-health.ts';
import type { FeedState, FeedStateStore } from './state/feed-state.ts';

export interface DispatchDeps {
  feeds: FeedSource[];
  feedStates: FeedStateStore;
  queue: FeedQueue;
  clock: Clock;
}

export interface DispatchReport {
  /** The due feeds, queued in this order. */
  dispatched: FeedSource[];
  /** States of listed feeds failing for a day (feeds no longer listed are left out). */
  failingForADay: FeedState[];
}

export async function dispatchDueFeeds(deps: DispatchDeps): Promise<DispatchReport> {
  const now = deps.clock.now();
  const states = await deps.feedStates.list();
  const due = selectDueFeeds(deps.feeds, states, now);
  await deps.queue.enqueue(due);
  const listed = new Set(deps.feeds.map((feed) => feed.id));
  const failingForADay = feedsFailingForADay(states.filter((state) => listed.has(state.feedId)), now);
  return { dispatched: due, failingForADay };
}
