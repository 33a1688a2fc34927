/**
 * `centinela poll`: poll every feed once into the store (local by default),
 * with one progress line per feed and a summary. Exit status 1 only when no
 * feed at all could be polled.
 * The fetcher, parser, tagger and store are imported when the command runs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { FEED_CONCURRENCY } from '../../lambdas/feeds/feed-concurrency.ts';
import type { HttpFetcherOptions } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import type { FeedPollReport } from '../../lambdas/feeds/poll-feeds.ts';
import { addStoreOptions, withStore, type StoreOptions } from './store-options.ts';
import { UsageError } from './usage-error.ts';

export const BLOCK_PRIVATE_ENV = 'CENTINELA_BLOCK_PRIVATE_ADDRESSES';

export interface FetchCliOptions {
  blockPrivateAddresses?: boolean;
  timeout?: number;
  maxBytes?: number;
}

interface PollCliOptions extends StoreOptions, FetchCliOptions {
  feeds?: string;
  feed?: string[];
  concurrency: number;
}

export function registerPollCommand(program: Command): void {
  const command = program
    .command('poll')
    .description('Poll every feed once: fetch, parse, tag and store new articles (the default feed list, a file, or URLs).')
    .option('--feeds <file>', 'a feed list file (JSON, same format as lambdas/feeds/feeds.json)')
    .option('--feed <url>', 'poll this feed URL (repeatable); replaces the list', collect, [] as string[])
    .option('--concurrency <n>', 'feeds polled at the same time', positiveInt, FEED_CONCURRENCY);
  addFetchOptions(command);
  addStoreOptions(command)
    .addHelpText('after', '\nExamples:\n  centinela poll\n  centinela poll --feeds my-feeds.json\n  centinela poll --feed https://insightcrime.org/feed/')
    .action(async (options: PollCliOptions) => {
      const [{ createHttpFetcher }, { pollFeeds }, { systemClock }, { loadTagger }] = await Promise.all([
        import('../../lambdas/feeds/fetch/http-fetcher.ts'),
        import('../../lambdas/feeds/poll-feeds.ts'),
        import('../../lambdas/model/clock.ts'),
        import('../../lambdas/tagging/tagger.ts'),
      ]);
      const feeds = await selectFeeds(options);
      const fetcher = createHttpFetcher(fetcherOptions(options));
      const started = performance.now();
      let done = 0;
      console.log(`Polling ${feeds.length} feed(s)…`);
      const reports = await withStore(options, (store) =>
        pollFeeds(feeds, { fetcher, articles: store.articles, feedStates: store.feedStates, tagger: loadTagger(), clock: systemClock }, options.concurrency, {
          onReport: (report) => console.log(progressLine(report, ++done, feeds.length)),
        }),
      ).finally(() => fetcher.close());
      console.log(`\n${summarize(reports)} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      if (reports.length > 0 && reports.every((r) => r.status === 'failed')) {
        process.exitCode = 1;
      }
    });
}

export function addFetchOptions(command: Command): Command {
  return command
    .option(
      '--block-private-addresses',
      `refuse feeds and pages on loopback, private or link-local addresses, as in Lambda (or set ${BLOCK_PRIVATE_ENV}=1)`,
    )
    .option('--timeout <ms>', 'deadline for each request, in milliseconds', positiveInt)
    .option('--max-bytes <n>', 'largest response accepted, in bytes', positiveInt);
}

export function fetcherOptions(options: FetchCliOptions, env: NodeJS.ProcessEnv = process.env): HttpFetcherOptions {
  const fromEnv = env[BLOCK_PRIVATE_ENV];
  if (fromEnv !== undefined && !/^(0|1|true|false|)$/i.test(fromEnv)) {
    throw new Error(`${BLOCK_PRIVATE_ENV} must be 1 or 0 (true or false), not "${fromEnv}".`);
  }
  return {
    blockPrivateAddresses: options.blockPrivateAddresses === true || /^(1|true)$/i.test(fromEnv ?? ''),
    timeoutMs: options.timeout,
    maxBytes: options.maxBytes,
  };
}

/**
 * A feed from an address typed on the command line (`poll --feed URL`, `feeds check URL`).
 * @param url the argument as typed
 * @param option how the user gave it (`--feed`, `<url>`), named in the error
 * @throws UsageError (exit 2) when it is not an absolute http(s) URL
 */
export async function feedFromArgument(url: string, option: string, lang: 'es' | 'en' = 'es'): Promise<FeedSource> {
  const { FeedListError, feedFromUrl } = await import('../../lambdas/feeds/feed-list.ts');
  try {
    return feedFromUrl(url, lang);
  } catch (error) {
    if (!(error instanceof FeedListError)) throw error;
    throw new UsageError(`${option} "${url}" must be an absolute http(s) URL; give the feed's address, e.g. ${option} https://insightcrime.org/feed/.`);
  }
}

export async function selectFeeds(options: { feeds?: string; feed?: string[] }): Promise<FeedSource[]> {
  const { defaultFeeds } = await import('../../lambdas/feeds/feed-list.ts');
  if (options.feed && options.feed.length > 0) return Promise.all(options.feed.map((url) => feedFromArgument(url, '--feed')));
  if (options.feeds) return loadFeedFile(options.feeds);
  return defaultFeeds();
}

/**
 * A feed list file (`--feeds FILE`), validated.
 * @throws UsageError (exit 2) when the file is missing, is not JSON (line and
 *   column given), lists no feed, or has bad entries (each named with its field):
 *   a mistake in the list is the user's to fix, not an outage (poll's exit 1).
 */
export async function loadFeedFile(file: string): Promise<FeedSource[]> {
  const [{ FeedListError, parseFeedList }, { jsonSyntaxProblem }] = await Promise.all([
    import('../../lambdas/feeds/feed-list.ts'),
    import('../../lambdas/model/json-syntax.ts'),
  ]);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(`--feeds ${path.resolve(file)}: no such file; check the path (relative paths start at the current folder), or leave out --feeds to poll the default list.`);
    }
    throw new Error(`cannot read the feed list ${path.resolve(file)}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--feeds ${file} is not valid JSON: ${jsonSyntaxProblem(text, error)}; fix the file (its format: docs/feeds.md, "The feed list").`);
  }
  let feeds: FeedSource[];
  try {
    feeds = parseFeedList(json);
  } catch (error) {
    if (error instanceof FeedListError) throw new UsageError(`--feeds ${file}: ${error.message}; fix the file (its format: docs/feeds.md, "The feed list").`);
    throw error;
  }
  if (feeds.length === 0) {
    throw new UsageError(`--feeds ${file}: the list is empty, so there is nothing to poll; add feeds to it (its format: docs/feeds.md, "The feed list"), or leave out --feeds to use the default list.`);
  }
  return feeds;
}

export function progressLine(report: FeedPollReport, index: number, total: number): string {
  const counter = `[${String(index).padStart(String(total).length)}/${total}]`;
  const seconds = `${(report.durationMs / 1000).toFixed(1)} s`;
  if (report.status === 'failed') {
    const gone = report.gone ? ' — marked gone, not polled again until its URL in the list changes' : '';
    return `${counter} FAILED   ${report.feedId}: ${report.error}${gone} (${seconds})`;
  }
  if (report.status === 'not_modified') return `${counter} 304      ${report.feedId}: not modified (${seconds})`;
  const extras = [
    report.itemsMerged ? `${report.itemsMerged} merged` : '',
    report.itemsRepaired ? `${report.itemsRepaired} repaired (stored by an interrupted poll, now listed)` : '',
    report.rejected.length ? `${report.rejected.length} rejected` : '',
    report.identity.merged.length ? `${report.identity.merged.length} repeated in the feed (stored once)` : '',
    report.identity.split.length ? `${report.identity.split.length} shared page(s) split by #fragment` : '',
    report.identity.stories.length ? `${report.identity.stories.length} already stored from another feed (same outlet and title)` : '',
    report.unreadableDates.length ? `${report.unreadableDates.length} unreadable date(s): first-seen time used` : '',
    report.skippedJunk ? 'junk before/after the XML skipped' : '',
    report.movedPermanentlyTo ? `moved permanently to ${report.movedPermanentlyTo}: update the feed list` : '',
    report.emptyPolls ? `no items ${report.emptyPolls} polls in a row: check the URL` : '',
    report.fullTextFetched || report.fullTextFailed.length
      ? `full text ${report.fullTextFetched} ok, ${report.fullTextFailed.length} fell back`
      : '',
  ].filter(Boolean);
  return `${counter} ok       ${report.feedId}: ${report.itemsSeen} items, ${report.itemsNew} new${extras.length ? `, ${extras.join(', ')}` : ''} (${seconds})`;
}

export function summarize(reports: FeedPollReport[]): string {
  const sum = (pick: (r: FeedPollReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const count = (status: FeedPollReport['status']) => reports.filter((r) => r.status === status).length;
  const repaired = sum((r) => r.itemsRepaired);
  return (
    `${reports.length} feed(s): ${count('ok')} ok, ${count('not_modified')} not modified, ${count('failed')} failed. ` +
    `Items: ${sum((r) => r.itemsSeen)} seen, ${sum((r) => r.itemsNew)} new, ${sum((r) => r.itemsMerged)} merged, ` +
    (repaired ? `${repaired} repaired (stored by an interrupted poll, now listed), ` : '') +
    `${sum((r) => r.rejected.length)} rejected, ${sum((r) => r.unreadableDates.length)} with an unreadable date`
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return n;
}
