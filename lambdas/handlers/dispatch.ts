/**
 * dispatch (EventBridge Scheduler, every 15 minutes): wires dispatchDueFeeds
 * (feeds/dispatch-feeds.ts) to the feed-state table and the SQS feed queue,
 * and turns its report into logs and metrics.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../model/zod-mini.ts';
import { dispatchDueFeeds, type DispatchDeps } from '../feeds/dispatch-feeds.ts';
import { defaultFeeds, parseFeedList } from '../feeds/feed-list.ts';
import type { FeedSource } from '../feeds/feed-source.ts';
import { createSqsFeedQueue } from '../feeds/queue/sqs-feed-queue.ts';
import { createDynamoDbFeedStateStore } from '../feeds/state/dynamodb-feed-state-store.ts';
import { systemClock } from '../model/clock.ts';
import { MetricNames } from '../monitoring/metric-names.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, tableName } from './env.ts';

export interface DispatchHandlerDeps extends DispatchDeps {
  logger: Logger;
  metrics: Metrics;
}

export interface DispatchResult {
  dispatched: number;
  failingForADay: string[];
}

/** A queue refusal (FeedQueueError) fails the invocation, so the function-errors alarm fires. */
export function createDispatchHandler(deps: DispatchHandlerDeps) {
  return async (_event: unknown): Promise<DispatchResult> => {
    const report = await dispatchDueFeeds(deps);
    for (const state of report.failingForADay) {
      deps.logger.warn('feed failing for a day', { feedId: state.feedId, lastSuccessAt: state.lastSuccessAt, lastError: state.lastError });
    }
    deps.logger.info('dispatched due feeds', { feeds: deps.feeds.length, due: report.dispatched.length, failingForADay: report.failingForADay.length });
    deps.metrics.addMetric(MetricNames.feedsDispatched, MetricUnit.Count, report.dispatched.length);
    deps.metrics.addMetric(MetricNames.feedsFailingForADay, MetricUnit.Count, report.failingForADay.length);
    deps.metrics.publishStoredMetrics();
    return { dispatched: report.dispatched.length, failingForADay: report.failingForADay.map((state) => state.feedId) };
  };
}

const logger = new Logger();
const metrics = new Metrics();

const fromEnv = once(() => {
  const env = parseEnv({ FEEDS_TABLE: tableName, FEED_QUEUE_URL: z.url('must be the SQS queue URL'), FEED_LIST_FILE: z.optional(z.string()) });
  return createDispatchHandler({
    feeds: env.FEED_LIST_FILE ? readFeedList(env.FEED_LIST_FILE) : defaultFeeds(),
    feedStates: createDynamoDbFeedStateStore(documentClient(), env.FEEDS_TABLE),
    queue: createSqsFeedQueue(new SQSClient({}), env.FEED_QUEUE_URL),
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
