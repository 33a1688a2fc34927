/**
 * `centinela serve` as one value: DynamoDB Local on the data folder, the
 * shared-database state file, the scheduler and the web app, started in that
 * order and stopped in reverse. The CLI, the demo and the tests start it the
 * same way.
 *  1. refuse to start when another serve owns the folder (its state file is live)
 *  2. start DynamoDB Local on the folder and create the tables if missing
 *  3. serve the web app (127.0.0.1 by default)
 *  4. write <data-dir>/serve.json so other commands use this database
 *  5. start the scheduler (poll due feeds every 15 min, digests hourly in Lima,
 *     the spike check hourly)
 * stop(): scheduler (waits for running jobs), web server, state file, DynamoDB Local.
 */
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import type { FeedFetcher } from '../../lambdas/feeds/fetch/feed-fetcher.ts';
import type { SendDigestsDeps } from '../../lambdas/digest/send-digests.ts';
import { createDynamoDbAlertStore } from '../../lambdas/alerts/dynamodb-alert-store.ts';
import type { RunAlertsDeps } from '../../lambdas/alerts/run-alerts.ts';
import type { Clock } from '../../lambdas/model/clock.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import type { Tagger } from '../../lambdas/tagging/tagger.ts';
import { createWebApp, type WebDeps } from '../../lambdas/web/app.ts';
import type { DynamoDbLocal } from './dynamodb-local.ts';
import { openLocalContext, type StoreContext } from './local-context.ts';
import { checkAlertsJob, describeAlertsRound, describeDigestRound, describePollRound, pollDueFeeds, sendDueDigestsJob } from './scheduled-jobs.ts';
import { ALERTS_PATTERN, DIGEST_PATTERN, POLL_PATTERN, startScheduler, type ScheduledJob, type Scheduler } from './scheduler.ts';
import { findRunningServe, removeServeState, writeServeState } from './serve-state.ts';
import { startWebServer } from './web-server.ts';

export class ServeError extends Error {
  override name = 'ServeError';
}

export interface ServiceOptions {
  dataDir: string;
  host?: string;
  port?: number;
  feeds: () => Promise<FeedSource[]>;
  tagger: Tagger;
  clock: Clock;
  log: (line: string) => void;
  /** Schedule polls and digests; absent: serve the web app only (the demo). */
  schedule?: {
    fetcher: FeedFetcher;
    digests: Omit<SendDigestsDeps, 'subscribers' | 'sentRecords' | 'articles'>;
    /** The spike check's targets, mailer and settings; absent: no spike check. */
    alerts?: Omit<RunAlertsDeps, 'articles' | 'subscribers' | 'alerts'>;
    concurrency?: number;
  };
  web?: Pick<WebDeps, 'notice' | 'clock'>;
}

export interface LocalService {
  webUrl: string;
  endpoint: string;
  store: StoreContext & { db: DynamoDbLocal };
  scheduler?: Scheduler;
  stop(): Promise<void>;
}

export async function startLocalService(options: ServiceOptions): Promise<LocalService> {
  const running = await findRunningServe(options.dataDir);
  if (running) {
    throw new ServeError(
      `centinela serve is already running on ${options.dataDir} (pid ${running.pid}${running.webUrl ? `, ${running.webUrl}` : ''}); ` +
        'stop it with Ctrl-C in its terminal, or pass another --data-dir.',
    );
  }
  const store = await openLocalContext({ dataDir: options.dataDir, handleSignals: false });
  const stops: (() => Promise<void> | void)[] = [() => store.close()];
  const stop = async () => {
    for (const step of stops.reverse().splice(0)) await step();
  };
  try {
    const app = createWebApp({
      articles: createDynamoDbArticleStore(store.doc, { tableName: store.tableNames.articles, retentionDays: 1, clock: options.web?.clock ?? options.clock }),
      feedStates: store.feedStates,
      feeds: options.feeds,
      catalog: options.tagger,
      clock: options.web?.clock ?? options.clock,
      notice: options.web?.notice,
      logError: (error) => options.log(`web: ${(error as Error).stack ?? String(error)}`),
    });
    const web = await startWebServer(app, { host: options.host, port: options.port });
    stops.push(() => web.close());
    writeServeState(options.dataDir, { endpoint: store.db.endpoint, pid: process.pid, webUrl: web.url, startedAt: options.clock.now().toISOString() });
    const forget = () => removeServeState(options.dataDir);
    process.once('exit', forget);
    stops.push(() => {
      process.removeListener('exit', forget);
      forget();
    });
    let scheduler: Scheduler | undefined;
    if (options.schedule) {
      scheduler = startScheduler(scheduledJobs(store, options), { clock: options.clock, log: options.log });
      stops.push(() => scheduler!.stop());
    }
    return { webUrl: web.url, endpoint: store.db.endpoint, store, scheduler, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The jobs of `serve`: polls, digests and, when configured, the spike check. */
function scheduledJobs(store: StoreContext, options: ServiceOptions): ScheduledJob[] {
  const schedule = options.schedule!;
  const alerts = schedule.alerts;
  const alertJobs: ScheduledJob[] = alerts
    ? [{
      name: 'alerts',
      pattern: ALERTS_PATTERN,
      run: async (now) =>
        describeAlertsRound(await checkAlertsJob({ ...alerts, articles: store.articles, subscribers: store.subscribers, alerts: createDynamoDbAlertStore(store.doc, store.tableNames.subscribers) }, now)),
    }]
    : [];
  return [
    {
      name: 'poll',
      pattern: POLL_PATTERN,
      run: async (now) =>
        describePollRound(
          await pollDueFeeds(
            { feeds: options.feeds, fetcher: schedule.fetcher, articles: store.articles, feedStates: store.feedStates, tagger: options.tagger, clock: options.clock, concurrency: schedule.concurrency },
            now,
          ),
        ),
    },
    {
      name: 'digests',
      pattern: DIGEST_PATTERN,
      run: async (now) =>
        describeDigestRound(await sendDueDigestsJob({ ...schedule.digests, subscribers: store.subscribers, sentRecords: store.sentRecords, articles: store.articles }, now)),
    },
    ...alertJobs,
  ];
}
