import path from 'node:path';
import type { Command } from 'commander';
import type { FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';
import type { Language } from '../../lambdas/model/article.ts';
import { runDemoPipeline, type DemoResult } from '../local/demo-pipeline.ts';
import { DEMO_FEEDS_PORT, startDemoServer } from '../local/demo-server.ts';
import { openLocalContext } from '../local/local-context.ts';
import { formatTable } from './output.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the whole pipeline once on the bundled sample feeds, offline: serve them on 127.0.0.1, poll, tag, ' +
        'store in an in-memory DynamoDB Local, and write a digest to the outbox.',
    )
    .option('--outbox <dir>', 'folder for the digest (.html and .eml)', 'outbox')
    .option('--lang <lang>', 'language of the digest: es or en', 'es')
    .option('--serve', 'instead: poll the sample feeds into --data-dir and keep serving the web app and the feeds until Ctrl-C')
    .option('--data-dir <dir>', 'with --serve: the data folder', path.join('.centinela', 'demo'))
    .option('--port <port>', 'with --serve: port of the web app', '8080')
    .option('--feeds-port <port>', 'with --serve: port the sample feeds are served on', String(DEMO_FEEDS_PORT))
    .action(async (options: { outbox: string; lang: string; serve?: boolean; dataDir: string; port: string; feedsPort: string }) => {
      if (options.serve) return serveDemo(options);
      const lang = parseLanguage(options.lang);
      const started = performance.now();
      console.log('Centinela demo: sample news as of 22 Nov 2026 (Lima), served from demo/feeds on 127.0.0.1');
      const context = await openLocalContext();
      try {
        console.log(`DynamoDB Local ready at ${context.db.endpoint} (in memory)`);
        const result = await runDemoPipeline(context, { outboxDir: path.resolve(options.outbox), lang });
        console.log(formatDemoSummary(result));
        console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      } finally {
        await context.close();
      }
    });
}

async function serveDemo(options: { dataDir: string; port: string; feedsPort: string }): Promise<void> {
  const port = (value: string, flag: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > 65535) throw new Error(`${flag} must be a whole number from 0 to 65535, not "${value}".`);
    return n;
  };
  console.log('Centinela demo server: sample news as of 22 Nov 2026 (Lima), served from demo/feeds on 127.0.0.1');
  const demo = await startDemoServer({ dataDir: options.dataDir, port: port(options.port, '--port'), feedsPort: port(options.feedsPort, '--feeds-port') });
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
  throw new Error(`--lang must be "es" or "en", not "${value}".`);
}

export function formatDemoSummary({ reports, digest, files }: DemoResult): string {
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
    `Digest "${digest.subject}"`,
    ...files.map((file) => `  ${path.extname(file).slice(1).toUpperCase().padEnd(4)} ${path.relative(process.cwd(), file)}`),
  ].join('\n');
}
