/**
 * Ingestion: a schedule wakes `dispatch`, which puts one SQS message per due
 * feed; `poll-feed` consumes the queue a few messages at a time with a hard
 * concurrency cap, so no outlet sees more than a handful of requests at once.
 * A message that fails five times (a poison message, or a crash) lands in the
 * DLQ, which the monitoring construct alarms on.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambdaEvents from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { TableKey } from '../lambdas/store/schema.ts';
import { CentinelaFunction } from './centinela-function.ts';
import type { CentinelaConfig } from './config.ts';
import { allowTable } from './table-access.ts';

/** poll-feed: one feed fetch may take its 20 s deadline, article pages more; 2 min covers a slow outlet. */
export const POLL_TIMEOUT = Duration.minutes(2);
/** Messages per poll-feed invocation, polled concurrently (they are different outlets). */
export const POLL_BATCH_SIZE = 5;

export interface IngestionProps {
  config: CentinelaConfig;
  tables: Record<TableKey, dynamodb.ITableV2>;
}

export class Ingestion extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dispatch: CentinelaFunction;
  readonly pollFeed: CentinelaFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const { config, tables } = props;

    this.deadLetterQueue = new sqs.Queue(this, 'FeedDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new sqs.Queue(this, 'FeedQueue', {
      // AWS's advice for a Lambda event source: six times the function timeout, so a
      // throttled batch is not redelivered while it may still be running (12 min < the 15 min round).
      visibilityTimeout: Duration.seconds(POLL_TIMEOUT.toSeconds() * 6),
      // A message older than a round is stale: the next dispatch sends a fresh one.
      retentionPeriod: Duration.hours(1),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });

    const feedListEnv = config.feedList ? { FEED_LIST_FILE: 'feeds.json' } : undefined;
    this.dispatch = new CentinelaFunction(this, 'Dispatch', {
      name: 'dispatch',
      description: 'Centinela: reads feed states and queues one message per due feed',
      // One Query of ~60 feed states and six SendMessageBatch calls: well under a second.
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetentionDays: config.logRetentionDays,
      environment: { FEEDS_TABLE: tables.feeds.tableName, FEED_QUEUE_URL: this.queue.queueUrl, ...feedListEnv },
      afterBundling: config.feedList ? (outputDir) => [`cp ${shellQuote(config.feedList!.file)} ${shellQuote(`${outputDir}/feeds.json`)}`] : undefined,
    });
    allowTable(this.dispatch, tables.feeds, ['dynamodb:Query']);
    this.dispatch.role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));

    this.pollFeed = new CentinelaFunction(this, 'PollFeed', {
      name: 'poll-feed',
      description: 'Centinela: fetches, parses, tags and stores the feeds in an SQS batch',
      timeout: POLL_TIMEOUT,
      // rss-parser needs ~55 MB for a 7.5 MB feed; five at once plus the runtime fit in 512 MB,
      // and the extra CPU share shortens parsing and tagging.
      memorySize: 512,
      logRetentionDays: config.logRetentionDays,
      reservedConcurrentExecutions: config.reservedConcurrency ? config.pollConcurrency : undefined,
      environment: {
        ARTICLES_TABLE: tables.articles.tableName,
        FEEDS_TABLE: tables.feeds.tableName,
        RETENTION_DAYS: String(config.retentionDays),
      },
    });
    allowTable(this.pollFeed, tables.feeds, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    // The write protocol (docs/data.md): BatchGetItem tells which items are stored; a poll's new articles are a
    // PutItem of a pending-write item, PartiQL INSERTs of the articles in BatchExecuteStatement requests (a
    // conditional PutItem for a key found taken), BatchWriteItem of their index items and a DeleteItem of the
    // pending-write item (BatchWriteItem deletes stale ones); a merge is a GetItem and one TransactWriteItems of an
    // Update plus Puts (UpdateItem also clears the previous protocol's marker).
    allowTable(this.pollFeed, tables.articles, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:PartiQLInsert',
    ]);
    this.pollFeed.function.addEventSource(
      new lambdaEvents.SqsEventSource(this.queue, {
        batchSize: POLL_BATCH_SIZE,
        reportBatchItemFailures: true,
        // Caps concurrent pollers without touching the account's unreserved concurrency.
        maxConcurrency: Math.max(2, config.pollConcurrency),
      }),
    );

    const schedulerRole = new iam.Role(this, 'PollSchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new scheduler.Schedule(this, 'PollSchedule', {
      description: 'Centinela: dispatch due feeds',
      schedule: scheduleExpression(config.pollSchedule, config.timezone),
      // A missed round is not retried: the next one, 15 minutes later, dispatches the same feeds.
      target: new targets.LambdaInvoke(this.dispatch.function, { retryAttempts: 0, role: schedulerRole }),
    });
    suppressInvokeVersions(schedulerRole);
  }
}

/** A Scheduler expression in the configured zone (rate() ignores the zone; cron() honours it). */
export function scheduleExpression(expression: string, timezone: string): scheduler.ScheduleExpression {
  return scheduler.ScheduleExpression.expression(expression, TimeZone.of(timezone));
}

/** CDK's grantInvoke names the function and `<arn>:*` (its versions and aliases): still this one function. */
export function suppressInvokeVersions(role: iam.Role): void {
  NagSuppressions.addResourceSuppressions(
    role,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason: 'lambda:InvokeFunction on one function and its versions/aliases (<arn>:*), as granted by CDK grantInvoke; no other function.',
        appliesTo: [{ regex: '/^Resource::<.*Function[0-9A-F]{8}\\.Arn>:\\*$/g' }],
      },
    ],
    true,
  );
}

/** Single-quotes a path for the bundling shell. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
