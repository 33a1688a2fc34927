/**
 * `centinela demo`: the whole pipeline once on the bundled sample feeds, or
 * (--serve) the demo that stays up. The pipeline, the demo server and
 * DynamoDB Local's launcher are imported when the command runs.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import type { FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';
import type { Language } from '../../lambdas/model/article.ts';
import type { DemoResult } from '../local/demo-pipeline.ts';
import { DEMO_FEEDS_PORT } from '../local/demo-ports.ts';
import { DEFAULT_UNSUBSCRIBE_PORT, serveUnsubscribe, type UnsubscribeServer } from '../local/unsubscribe-server.ts';
import { formatTable } from './output.ts';
import { portArgument } from './port-option.ts';
import { UsageError } from './usage-error.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the whole pipeline once on the bundled sample feeds, offline: serve them on 127.0.0.1, poll, tag, ' +
        'store in an in-memory DynamoDB Local, and write a digest to the outbox.',
    )
    .option('--outbox <dir>', 'without --serve: folder for the digest (.html and .eml)', 'outbox')
    .option('--lang <lang>', 'without --serve: language of the digest: es or en', 'es')
    .option('--serve', 'instead: poll the sample feeds into --data-dir and keep serving the web app and the feeds until Ctrl-C')
    .option('--data-dir <dir>', 'with --serve: the data folder', path.join('.centinela', 'demo'))
    .option('--port <port>', 'with --serve: port of the web app', '8080')
    .option('--feeds-port <port>', 'with --serve: port the sample feeds are served on', String(DEMO_FEEDS_PORT))
    .option('--exit', 'without --serve: exit once the digest is written, instead of serving its unsubscribe link until Ctrl-C')
    .option('--unsubscribe-port <port>', 'without --serve: port of the demo digest\'s unsubscribe endpoint on 127.0.0.1 (taken: any free port)', String(DEFAULT_UNSUBSCRIBE_PORT))
    .action(async (options: { outbox: string; lang: string; serve?: boolean; dataDir: string; port: string; feedsPort: string; exit?: boolean; unsubscribePort: string }, self: Command) => {
      checkDemoMode(Boolean(options.serve), (attribute) => {
        const source = self.getOptionValueSource(attribute);
        return source !== undefined && source !== 'default';
      });
      if (options.serve) return serveDemo(options);
      const lang = parseLanguage(options.lang);
      const unsubscribePort = portArgument(options.unsubscribePort, '--unsubscribe-port');
      const started = performance.now();
      const [{ runDemoPipeline }, { openLocalContext }] = await Promise.all([import('../local/demo-pipeline.ts'), import('../local/local-context.ts')]);
      console.log('Centinela demo: sample news as of 22 Nov 2026 (Lima), served from demo/feeds on 127.0.0.1');
      const context = await openLocalContext();
      let unsubscribe: UnsubscribeServer | undefined;
      try {
        console.log(`DynamoDB Local ready at ${context.db.endpoint} (in memory)`);
        // A fresh key per run: the demo's links only ever point at this run's endpoint.
        const signingKey = randomBytes(32).toString('base64url');
        unsubscribe = await serveUnsubscribe({ subscribers: context.subscribers, signingKey, port: await freePort(unsubscribePort) });
        const result = await runDemoPipeline(context, { outboxDir: path.resolve(options.outbox), lang, unsubscribe: { baseUrl: unsubscribe.url, signingKey } });
        console.log(formatDemoSummary(result));
        console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
        if (!options.exit) {
          console.log(`\nThe digest's unsubscribe link is served at ${unsubscribe.url} (GET shows a confirmation, POST unsubscribes ${result.subscriber.email}).`);
          console.log('Press Ctrl-C to stop (or run with --exit to exit right away).');
          await new Promise<void>((resolve) => process.once('SIGINT', resolve));
          const after = await context.subscribers.get(result.subscriber.email);
          console.log(`\n${result.subscriber.email}: ${after?.status ?? 'gone'}${after?.statusReason ? ` (${after.statusReason})` : ''}`);
        }
      } finally {
        await unsubscribe?.close();
        await context.close();
      }
    });
}

/**
 * The options of each demo mode, by commander attribute name: [flag, what it is for].
 * `--serve` keeps the demo server up; without it the demo runs the pipeline once.
 */
const SERVE_ONLY: Record<string, [string, string]> = {
  dataDir: ['--data-dir', 'the demo server\'s data folder'],
  port: ['--port', 'the demo server\'s web app port'],
  feedsPort: ['--feeds-port', 'the port the demo server serves the sample feeds on'],
};
const ONE_RUN_ONLY: Record<string, [string, string]> = {
  outbox: ['--outbox', 'the folder the one-off run writes its digest to'],
  lang: ['--lang', 'the language of the one-off run\'s digest'],
  exit: ['--exit', 'ends the one-off run once its digest is written'],
  unsubscribePort: ['--unsubscribe-port', 'the port of the one-off run\'s unsubscribe link'],
};

/**
 * Refuses an option that does nothing in the chosen mode, rather than
 * ignoring it: --data-dir, --port and --feeds-port apply only with --serve;
 * --outbox, --lang, --exit and --unsubscribe-port only without it.
 * @param serve whether --serve was given
 * @param given whether the user gave the option (by commander attribute name, e.g. `feedsPort`), not its default
 * @throws UsageError (exit 2) naming the first such option, when it applies, and the fix
 */
export function checkDemoMode(serve: boolean, given: (attribute: string) => boolean): void {
  const foreign = serve ? ONE_RUN_ONLY : SERVE_ONLY;
  for (const [attribute, [flag, purpose]] of Object.entries(foreign)) {
    if (!given(attribute)) continue;
    throw new UsageError(
      serve
        ? `demo: ${flag} does nothing with --serve (it applies to the one-off run without --serve: ${purpose}); drop ${flag}, or drop --serve.`
        : `demo: ${flag} only applies with --serve (${purpose}); add --serve, or drop ${flag}.`,
    );
  }
}

/** The port asked for, or any free one when it is taken (a second demo, or `centinela unsubscribe-server`, may hold it). */
async function freePort(port: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(port)));
  });
}

async function serveDemo(options: { dataDir: string; port: string; feedsPort: string }): Promise<void> {
  console.log('Centinela demo server: sample news as of 22 Nov 2026 (Lima), served from demo/feeds on 127.0.0.1');
  const { startDemoServer } = await import('../local/demo-server.ts');
  const demo = await startDemoServer({ dataDir: options.dataDir, port: portArgument(options.port, '--port'), feedsPort: portArgument(options.feedsPort, '--feeds-port') });
  const fresh = demo.reports.reduce((n, r) => n + r.itemsNew, 0);
  console.log(`Polled ${demo.reports.length} sample feed(s) into ${path.resolve(options.dataDir)}: ${fresh} new article(s).`);
  console.log(`\n  web app:        ${demo.webUrl}`);
  console.log(`  sample feeds:   ${demo.feedsOrigin}/ (list with absolute URLs: ${path.relative(process.cwd(), demo.feedListFile)})`);
  console.log(`  poll them:      centinela poll --feeds ${path.relative(process.cwd(), demo.feedListFile)} --data-dir ${options.dataDir}`);
  console.log(`  query:          centinela query --data-dir ${options.dataDir} --since 2026-10-01`);
  console.log('\nCtrl-C stops everything.');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  await demo.stop();
  process.exit(0);
}

export function parseLanguage(value: string): Language {
  if (value === 'es' || value === 'en') return value;
  throw new UsageError(`--lang must be "es" or "en", not "${value}".`);
}

export function formatDemoSummary({ reports, digest, files, encodedHtmlBytes, unsubscribeUrl }: DemoResult): string {
  const sum = (pick: (r: FeedPollReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const feedRows = reports.map((r) => [
    r.status === 'failed' ? 'FAILED' : 'ok',
    r.feedId,
    String(r.itemsSeen),
    String(r.itemsNew),
    String(r.itemsMerged),
    r.error ?? (r.rejected.length ? `${r.rejected.length} item(s) rejected` : ''),
  ]);
  const byTheme = new Map<string, number>();
  for (const report of reports) {
    for (const [theme, n] of Object.entries(report.newByTheme)) byTheme.set(theme, (byTheme.get(theme) ?? 0) + n);
  }
  const themeRows = [...byTheme.entries()].sort((a, b) => b[1] - a[1]).map(([theme, n]) => [theme, String(n)]);
  themeRows.push(['(no theme)', String(sum((r) => r.newWithoutTheme))]);
  return [
    '',
    formatTable(['status', 'feed', 'items', 'new', 'merged', 'note'], feedRows),
    '',
    `Feeds polled: ${reports.length} (${reports.filter((r) => r.status !== 'failed').length} ok)` +
      `   Items seen: ${sum((r) => r.itemsSeen)}   New: ${sum((r) => r.itemsNew)}` +
      `   Stored: ${sum((r) => r.itemsNew)} articles (+${sum((r) => r.itemsMerged)} extra sources merged)`,
    '',
    'New articles per theme (an article may have several):',
    formatTable(['theme', 'articles'], themeRows),
    '',
    `Daily digest for ${digest.period.days[0]} "${digest.subject}"`,
    `  ${digest.totalStories} stories (${digest.previousTotal} the day before), ${digest.top.length} top stories; HTML part as sent: ${encodedHtmlBytes.toLocaleString('en-US')} bytes`,
    ...(unsubscribeUrl ? [`  unsubscribe link: ${unsubscribeUrl}`] : []),
    ...files.map((file) => `  ${path.extname(file).slice(1).toUpperCase().padEnd(4)} ${path.relative(process.cwd(), file)}`),
  ].join('\n');
}
