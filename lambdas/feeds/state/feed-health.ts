/**
 * Which feeds have been failing for a day: the figure behind the "feed failing
 * for a day" alarm, computed by dispatch from the states it already reads.
 */
import { backoffDelayMs } from './due-feeds.ts';
import type { FeedState } from './feed-state.ts';

export const FAILING_FOR_A_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A feed is failing for a day when its latest attempt failed and
 *  - its last success is at least 24 h old, or
 *  - it never succeeded and its failures, spaced by the backoff schedule, span at least 24 h
 *    (the states keep no first-failure time; the backoff makes the span a lower bound).
 */
export function feedsFailingForADay(states: FeedState[], now: Date): FeedState[] {
  return states.filter((state) => {
    if (state.consecutiveFailures <= 0) return false;
    if (state.lastSuccessAt) return now.getTime() - Date.parse(state.lastSuccessAt) >= FAILING_FOR_A_DAY_MS;
    let span = 0;
    for (let failure = 1; failure < state.consecutiveFailures; failure++) span += backoffDelayMs(failure);
    const lastAttempt = state.lastAttemptAt ? Date.parse(state.lastAttemptAt) : now.getTime();
    return now.getTime() - lastAttempt + span >= FAILING_FOR_A_DAY_MS;
  });
}
