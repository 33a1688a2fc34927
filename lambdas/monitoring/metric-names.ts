/**
 * Metric names the handlers emit and the monitoring construct alarms on: one list, so they can't drift.
 * Ten in all, CloudWatch's ten free custom metrics; per-feed detail goes to the logs instead.
 */
export const MetricNames = {
  /** poll-feed: new articles stored (0 is emitted too, so "none for 24 h" is data, not silence). */
  articlesStored: 'ArticlesStored',
  feedsPolled: 'FeedsPolled',
  feedsNotModified: 'FeedsNotModified',
  feedsFailed: 'FeedsFailed',
  /** dispatch: feeds queued this round. */
  feedsDispatched: 'FeedsDispatched',
  /** dispatch: feeds whose last success is more than a day old (or that never succeeded in a day of trying). */
  feedsFailingForADay: 'FeedsFailingForADay',
  /** send-digests */
  digestsSent: 'DigestsSent',
  digestsFailed: 'DigestsFailed',
  /** ses-events */
  addressesSuppressed: 'AddressesSuppressed',
  /** check-alerts: webhook targets (or alert mail) whose deliveries have failed for a day or more. */
  alertTargetsFailingForADay: 'AlertTargetsFailingForADay',
} as const;
