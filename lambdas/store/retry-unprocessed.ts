/**
 * DynamoDB's batch operations may hand back part of a request unprocessed
 * (UnprocessedItems for BatchWriteItem, UnprocessedKeys for BatchGetItem) when
 * a partition is throttled; the caller must send those again, with backoff
 * (DynamoDB developer guide, "Batch operations": "we strongly recommend that
 * you use an exponential backoff algorithm"). This is the one loop that does it.
 */
import { StoreError } from './errors.ts';

/** Sends per request, the first included. */
export const MAX_ATTEMPTS = 5;

/**
 * Sends `pending` with `sendOnce`, which returns what DynamoDB left
 * unprocessed, and sends that again after a jittered backoff until nothing is
 * left. After MAX_ATTEMPTS sends with something still left, throws a
 * StoreError of kind 'unprocessed' whose message is `giveUp(itemsLeft)`.
 * Errors from `sendOnce` pass through unchanged.
 */
export async function sendUntilProcessed<T>(
  pending: T[],
  sendOnce: (pending: T[]) => Promise<T[]>,
  giveUp: (itemsLeft: number) => string,
): Promise<void> {
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new StoreError('unprocessed', giveUp(pending.length));
    if (attempt > 1) await pause(attempt);
    pending = await sendOnce(pending);
  }
}

/** Backoff with jitter between attempts: 20 ms, 40 ms, 80 ms… (each ×0.5–1.5). */
export function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));
}
