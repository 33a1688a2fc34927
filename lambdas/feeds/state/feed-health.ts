/**
 * Feed health from the stored states: which feeds have been failing for a day
 * (the figure behind the "feed failing for a day" alarm, computed by dispatch
 * from the states it already reads), and each feed's health row as
 * `centinela feeds` and the web app's feed page show it.
 */
import { backoffDelayMs } from './due-feeds.ts';
import type { FeedSource } from '../feed-source.ts';
import type { FeedState } from './feed-state.ts';

export const FAILING_FOR_A_DAY_MS = 24 * 60 * 60 * 1000;

/** After this many 200 answers in a row with no item, a feed is flagged (poll report, state, `centinela feeds`). */
export const EMPTY_POLLS_FLAG = 2;

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

export interface FeedHealth {
  id: string;
  name: string;
  url: string;
  /** never polled · healthy · failing (retry due) · backoff (waiting until nextAttemptAt) · gone (410, not polled) · empty (200s with no item) */
  health: 'never polled' | 'healthy' | 'failing' | 'backoff' | 'gone' | 'empty';
  listed: boolean;
  state?: FeedState;
}

/** One row per listed feed (in list order), then one per stored state whose feed left the list; what `centinela feeds` and the web app show. */
export function feedHealth(list: FeedSource[], states: FeedState[], now: Date): FeedHealth[] {
  const byId = new Map(states.map((s) => [s.feedId, s]));
  const row = (id: string, name: string, url: string, listed: boolean): FeedHealth => {
    const state = byId.get(id);
    let health: FeedHealth['health'] = 'never polled';
    if (state?.gone && state.url === url) health = 'gone';
    else if (state && state.consecutiveFailures === 0) health = (state.emptyPolls ?? 0) >= EMPTY_POLLS_FLAG ? 'empty' : 'healthy';
    else if (state) health = state.nextAttemptAt && Date.parse(state.nextAttemptAt) > now.getTime() ? 'backoff' : 'failing';
    return { id, name, url, health, listed, state };
  };
  const rows = list.map((feed) => row(feed.id, feed.name, feed.url, true));
  for (const state of states) if (!list.some((f) => f.id === state.feedId)) rows.push(row(state.feedId, state.feedId, state.url, false));
  return rows;
}
