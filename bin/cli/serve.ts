/**
 * `centinela serve`: Centinela as a running service on this machine — one
 * process holding DynamoDB Local on the data folder, the scheduler (due feeds
 * every 15 minutes honouring backoff, each subscriber's digest at their Lima
 * hour and weekday, exactly once; the spike check hourly, each spike delivered
 * once per recipient) and the read-only web app on 127.0.0.1.
 * Other commands on the same data folder use its database while it runs.
 * Ctrl-C stops everything; DynamoDB Local's watchdog kills java even if this
 * process is killed outright.
 * The service (web app, scheduler, fetcher, tagger) is imported when the command runs.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { FEED_CONCURRENCY } from '../../lambdas/feeds/feed-concurrency.ts';
import { localMailSettings, sendingMailer, signingKey } from './digest.ts';
import { DEFAULT_TARGETS_FILE, readTargets } from './alerts.ts';
import { fetcherOptions, positiveInt, selectFeeds } from './poll.ts';
import { localDataDir } from './store-options.ts';
import { parsePort } from './port-option.ts';

export const DEFAULT_WEB_PORT = 8080;

interface ServeOptions {
  dataDir?: string;
  host: string;
  port: number;
  feeds?: string;
  outbox: string;
  concurrency: number;
  alertTargets: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run Centinela locally: DynamoDB Local on the data folder, the scheduler (polls, digests, spike alerts) and the web app on 127.0.0.1.')
    .option('--data-dir <dir>', 'local data folder (default: $CENTINELA_DATA_DIR or .centinela/data in the project)')
    .option('--host <address>', 'address the web app listens on (anything but loopback exposes it without a key)', '127.0.0.1')
    .option('--port <port>', 'port of the web app (0 picks a free one)', parsePort, DEFAULT_WEB_PORT)
    .option('--feeds <file>', 'a feed list file instead of the default list (re-read at every poll)')
    .option('--outbox <dir>', 'where digests go when $SMTP_URL is not set', 'outbox')
    .option('--concurrency <n>', 'feeds polled at the same time', positiveInt, FEED_CONCURRENCY)
    .option('--alert-targets <file>', 'webhook targets of the hourly spike check (as `centinela alerts --targets`)', DEFAULT_TARGETS_FILE)
    .addHelpText(
      'after',
      '\nWhile it runs, `centinela query`, `show`, `feeds`… on the same --data-dir use its database (no second Java start-up).\n' +
        'Digests go by SMTP when $SMTP_URL is set, else to the outbox folder.\n\nExamples:\n  centinela serve\n  centinela serve --port 9000 --feeds my-feeds.json',
    )
    .action(async (options: ServeOptions) => {
      const { from, unsubscribeBaseUrl } = await localMailSettings({ smtp: true });
      const [{ createHttpFetcher }, { systemClock }, { loadTagger }, { startLocalService }, { createWebhookPoster }] = await Promise.all([
        import('../../lambdas/feeds/fetch/http-fetcher.ts'),
        import('../../lambdas/model/clock.ts'),
        import('../../lambdas/tagging/tagger.ts'),
        import('../local/local-service.ts'),
        import('../../lambdas/alerts/post-webhook.ts'),
      ]);
      // A mistake in --feeds or --alert-targets is refused (exit 2) before anything starts.
      if (options.feeds) await selectFeeds({ feeds: options.feeds });
      const alertTargets = await readTargets(options.alertTargets);
      const dataDir = path.resolve(localDataDir(options));
      const fetcher = createHttpFetcher(fetcherOptions({}));
      const mailer = await sendingMailer({ outbox: options.outbox });
      const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
      const mailSettings = {
        mailer,
        catalog: loadTagger(),
        from,
        unsubscribe: { baseUrl: unsubscribeBaseUrl, signingKey: await signingKey() },
      };
      const service = await startLocalService({
        dataDir,
        host: options.host,
        port: options.port,
        feeds: () => selectFeeds({ feeds: options.feeds }),
        tagger: loadTagger(),
        clock: systemClock,
        log,
        schedule: {
          fetcher,
          concurrency: options.concurrency,
          digests: mailSettings,
          alerts: { ...mailSettings, targets: alertTargets, poster: createWebhookPoster() },
        },
      });
      console.log(`Centinela is serving ${dataDir}`);
      console.log(`  web app:   ${service.webUrl}`);
      console.log(`  database:  ${service.endpoint} (other commands on this --data-dir use it)`);
      for (const next of service.scheduler?.nextRuns() ?? []) console.log(`  next ${next.name.padEnd(8)} ${next.at.toISOString()}`);
      console.log('Ctrl-C stops everything.');
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      });
      console.log('Stopping: waiting for running jobs, then the web app and DynamoDB Local…');
      await service.stop();
      fetcher.close();
      (mailer as Partial<{ close(): void }>).close?.();
      console.log('Stopped.');
      process.exit(0);
    });
}

