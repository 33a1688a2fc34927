/**
 * The jobs `centinela serve` runs on its schedule, as plain functions of the
 * time so tests drive them with an injected clock:
 *  - pollDueFeeds: the feeds whose backoff has passed (selectDueFeeds, as the
 *    dispatch Lambda does), polled into the store; a feed in backoff is not
 *    fetched at all;
 *  - sendDueDigestsJob: every subscriber whose Lima hour and weekday have come
 *    gets the digest of their last complete period, exactly once (the claim
 *    and sent records in the subscribers table are the authority, so a restart
 *    or a second tick in the same hour sends nothing again).
 *  - checkAlertsJob: the spike check (runAlerts, as the check-alerts Lambda
 *    does), delivering each spike once per recipient (the alert claims in the
 *    subscribers table are the authority, as for digests).
 */
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { pollFeeds, type FeedPollReport, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { FEED_CONCURRENCY } from '../../lambdas/feeds/feed-concurrency.ts';
import { selectDueFeeds } from '../../lambdas/feeds/state/due-feeds.ts';
import { sendDueDigests, type SendDigestsDeps, type SendDigestsReport } from '../../lambdas/digest/send-digests.ts';
import { runAlerts, type AlertsReport, type RunAlertsDeps } from '../../lambdas/alerts/run-alerts.ts';

export interface PollJobDeps extends PollDeps {
  /** The feed list, read at every round so an edited list file is picked up. */
  feeds: () => Promise<FeedSource[]>;
  concurrency?: number;
}

export interface PollRound {
  /** Feeds polled this round. */
  polled: FeedPollReport[];
  /** Ids of the listed feeds left alone because they failed and their backoff has not passed. */
  inBackoff: string[];
  /** Ids of healthy feeds left alone because their own caching hint (ttl, max-age, Retry-After on a success) asks to wait. */
  waiting: string[];
  /** Ids of feeds that answered 410 Gone at their listed URL: never polled again until the URL changes. */
  gone: string[];
}

/** Polls the listed feeds that are due at `now`; the others wait for their nextAttemptAt (or are gone). */
export async function pollDueFeeds(deps: PollJobDeps, now: Date): Promise<PollRound> {
  const [feeds, states] = await Promise.all([deps.feeds(), deps.feedStates.list()]);
  const due = selectDueFeeds(feeds, states, now);
  const dueIds = new Set(due.map((feed) => feed.id));
  const polled = await pollFeeds(due, deps, deps.concurrency ?? FEED_CONCURRENCY);
  const stateOf = new Map(states.map((state) => [state.feedId, state]));
  const round: PollRound = { polled, inBackoff: [], waiting: [], gone: [] };
  for (const feed of feeds.filter((f) => !dueIds.has(f.id))) {
    const state = stateOf.get(feed.id);
    if (state?.gone) round.gone.push(feed.id);
    else if ((state?.consecutiveFailures ?? 0) > 0) round.inBackoff.push(feed.id);
    else round.waiting.push(feed.id);
  }
  return round;
}

/** One line for the serve log. */
export function describePollRound(round: PollRound): string {
  const count = (status: FeedPollReport['status']) => round.polled.filter((r) => r.status === status).length;
  const fresh = round.polled.reduce((n, r) => n + r.itemsNew, 0);
  const named = (ids: string[]) => (ids.length ? ` (${ids.join(', ')})` : '');
  const waiting = round.waiting.length ? `; ${round.waiting.length} waiting for their own caching hint${named(round.waiting)}` : '';
  const gone = round.gone.length ? `; ${round.gone.length} gone (410)${named(round.gone)}` : '';
  return (
    `poll: ${round.polled.length} feed(s) due (${count('ok')} ok, ${count('not_modified')} not modified, ${count('failed')} failed), ` +
    `${fresh} new article(s); ${round.inBackoff.length} in backoff${named(round.inBackoff)}${waiting}${gone}`
  );
}

/** The hourly digest round: the same orchestrator as the send-digests Lambda. */
export function sendDueDigestsJob(deps: SendDigestsDeps, now: Date): Promise<SendDigestsReport> {
  return sendDueDigests(deps, now);
}

export function describeDigestRound(report: SendDigestsReport): string {
  const failures = report.outcomes.filter((o) => o.status === 'failed').map((o) => `${o.period}: ${'error' in o ? o.error : ''}`);
  return `digests: ${report.sent} sent, ${report.skipped} skipped, ${report.failed} failed${failures.length ? ` (${failures.join('; ')})` : ''}`;
}

/** The hourly spike check: find the spikes at `now` and deliver each once per recipient. */
export function checkAlertsJob(deps: RunAlertsDeps, now: Date): Promise<AlertsReport> {
  return runAlerts(deps, now, { deliver: true });
}

export function describeAlertsRound(report: AlertsReport): string {
  const failing = report.failingTargets.map((t) => t.target);
  return (
    `alerts: ${report.spikes.length} spike(s), ${report.sent} delivered, ${report.failed} failed` +
    (failing.length ? `; failing for a day: ${failing.join(', ')}` : '')
  );
}
