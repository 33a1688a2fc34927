/**
 * dispatch (EventBridge Scheduler, every 15 minutes): reads the feed states,
 * selects the due feeds and queues one SQS message per feed, ten per
 * SendMessageBatch. Also reports how many feeds have been failing for a day.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { selectDueFeeds } from '../feeds/state/due-feeds.ts';
import { createDynamoDbFeedStateStore } from '../feeds/state/dynamodb-feed-state-store.ts';
import { defaultFeeds, parseFeedList } from '../feeds/feed-list.ts';
import type { FeedSource } from '../feeds/feed-source.ts';
import type { FeedStateStore } from '../feeds/state/feed-state.ts';
import { systemClock, type Clock } from '../model/clock.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, tableName } from './env.ts';
import { feedsFailingForADay } from '../feeds/state/feed-health.ts';
import { MetricNames } from '../monitoring/metric-names.ts';
import * as z from 'zod';

export interface DispatchDeps {
  feeds: FeedSource[];
  feedStates: FeedStateStore;
  sqs: Pick<SQSClient, 'send'>;
  queueUrl: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

export interface DispatchResult {
  dispatched: number;
  failingForADay: string[];
}

/** SQS takes at most ten entries per SendMessageBatch. */
const SQS_BATCH = 10;

export function createDispatchHandler(deps: DispatchDeps) {
  return async (_event: unknown): Promise<DispatchResult> => {
    const now = deps.clock.now();
    const states = await deps.feedStates.list();
    const due = selectDueFeeds(deps.feeds, states, now);
    for (let start = 0; start < due.length; start += SQS_BATCH) {
      await sendBatch(deps, due.slice(start, start + SQS_BATCH));
    }
    const listed = new Set(deps.feeds.map((feed) => feed.id));
    const failing = feedsFailingForADay(states.filter((state) => listed.has(state.feedId)), now);
    for (const state of failing) {
      deps.logger.warn('feed failing for a day', { feedId: state.feedId, lastSuccessAt: state.lastSuccessAt, lastError: state.lastError });
    }
    deps.logger.info('dispatched due feeds', { feeds: deps.feeds.length, due: due.length, failingForADay: failing.length });
    deps.metrics.addMetric(MetricNames.feedsDispatched, MetricUnit.Count, due.length);
    deps.metrics.addMetric(MetricNames.feedsFailingForADay, MetricUnit.Count, failing.length);
    deps.metrics.publishStoredMetrics();
    return { dispatched: due.length, failingForADay: failing.map((state) => state.feedId) };
  };
}

async function sendBatch(deps: DispatchDeps, feeds: FeedSource[]): Promise<void> {
  const { Failed = [] } = await deps.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: deps.queueUrl,
      Entries: feeds.map((feed, index) => ({ Id: String(index), MessageBody: JSON.stringify(feed) })),
    }),
  );
  if (Failed.length > 0) {
    const ids = Failed.map((entry) => feeds[Number(entry.Id)]?.id ?? entry.Id);
    // The next round queues them again; failing here raises the function-errors alarm.
    throw new Error(`dispatch: SQS refused ${Failed.length} message(s) for ${ids.join(', ')}: ${Failed[0]?.Message ?? Failed[0]?.Code}`);
  }
}

const logger = new Logger();
const metrics = new Metrics();

const fromEnv = once(() => {
  const env = parseEnv({ FEEDS_TABLE: tableName, FEED_QUEUE_URL: z.url('must be the SQS queue URL'), FEED_LIST_FILE: z.string().optional() });
  return createDispatchHandler({
    feeds: env.FEED_LIST_FILE ? readFeedList(env.FEED_LIST_FILE) : defaultFeeds(),
    feedStates: createDynamoDbFeedStateStore(documentClient(), env.FEEDS_TABLE),
    sqs: new SQSClient({}),
    queueUrl: env.FEED_QUEUE_URL,
    clock: systemClock,
    logger,
    metrics,
  });
});

/** A custom feed list, copied next to the bundle by the stack (relative to the task root). */
function readFeedList(file: string): FeedSource[] {
  return parseFeedList(JSON.parse(readFileSync(path.resolve(process.env.LAMBDA_TASK_ROOT ?? '.', file), 'utf8')));
}

export const handler = (event: unknown) => fromEnv()(event);
