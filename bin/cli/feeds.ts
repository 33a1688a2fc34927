/**
 * `centinela feeds`: the feed list with each feed's health (from the store).
 * `centinela feeds check URL`: fetch one feed and show what would be stored,
 * storing nothing (and starting no database).
 * The fetcher, parser and tagger are imported when a command runs.
 */
import { Option, type Command } from 'commander';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { feedHealth, type FeedHealth } from '../../lambdas/feeds/state/feed-health.ts';
import type { FeedState } from '../../lambdas/feeds/state/feed-state.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { formatLimaTime } from '../../lambdas/model/lima-time.ts';
import { formatTable } from './output.ts';
import { addFetchOptions, feedFromArgument, fetcherOptions, selectFeeds, type FetchCliOptions } from './poll.ts';
import { addStoreOptions, withStore, type StoreOptions } from './store-options.ts';
import { UsageError } from './usage-error.ts';

export function registerFeedsCommand(program: Command): void {
  const feeds = program
    .command('feeds')
    .description('List the feeds with their health: last success, HTTP status, failures in a row, backoff, last error.')
    .option('--feeds <file>', 'a feed list file instead of the default list')
    .option('--json', 'print one JSON object');
  addStoreOptions(feeds).action(async (options: StoreOptions & { feeds?: string; json?: boolean }) => {
    const list = await selectFeeds({ feeds: options.feeds });
    const states = await withStore(options, (store) => store.feedStates.list());
    const rows = feedHealth(list, states, new Date());
    if (options.json) process.stdout.write(`${JSON.stringify({ feeds: rows }, null, 2)}\n`);
    else process.stdout.write(`${formatHealth(rows)}\n`);
  });

  const check = feeds
    .command('check')
    .description('Fetch one feed and show what would be stored (titles, links, dates, themes); with --all, check every feed of the list. Stores nothing.')
    .argument('[url]', 'the feed URL (or --all)')
    .option('--all', 'check every feed of the list (default list, or --feeds FILE): one line per feed, OK or what to do')
    .option('--feeds <file>', 'with --all: a feed list file instead of the default list')
    .addOption(new Option('--lang <lang>', 'language of the feed').choices(['es', 'en']).default('es'))
    .option('--full-text', 'also fetch each article page and extract its text (as for fullText feeds)')
    .option('--json', 'print one JSON object');
  type CheckOptions = FetchCliOptions & { lang: 'es' | 'en'; fullText?: boolean; json?: boolean; all?: boolean; feeds?: string };
  addFetchOptions(check).action(async (url: string | undefined, _options: CheckOptions, command: Command) => {
    // `--json` after the URL is claimed by the parent `feeds` command, which has the same flag.
    const options = command.optsWithGlobals<CheckOptions>();
    if (options.all) {
      if (url) throw new UsageError('feeds check: give either a feed URL or --all, not both.');
      const [{ createHttpFetcher }, { checkAllFeeds, formatCheckAll }] = await Promise.all([
        import('../../lambdas/feeds/fetch/http-fetcher.ts'),
        import('./feeds-check-all.ts'),
      ]);
      const fetcher = createHttpFetcher(fetcherOptions(options));
      try {
        const lines = await checkAllFeeds(await selectFeeds({ feeds: options.feeds }), fetcher, new Date());
        process.stdout.write(options.json ? `${JSON.stringify({ feeds: lines }, null, 2)}\n` : `${formatCheckAll(lines)}\n`);
        if (lines.some((line) => line.status === 'FAILED')) process.exitCode = 1;
      } finally {
        fetcher.close();
      }
      return;
    }
    if (!url) throw new UsageError('feeds check: give a feed URL, or --all to check the whole list; e.g. feeds check https://insightcrime.org/feed/.');
    const feed = { ...(await feedFromArgument(url, '<url>', options.lang)), fullText: options.fullText === true };
    const result = await checkFeed(feed, fetcherOptions(options));
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatCheck(result)}\n`);
  });
}

export { feedHealth, type FeedHealth } from '../../lambdas/feeds/state/feed-health.ts';

/** The `centinela feeds` table and its summary line (Lima times), from feedHealth rows. */
export function formatHealth(rows: FeedHealth[]): string {
  const when = (iso?: string) => (iso ? formatLimaTime(iso, 'en') : '-');
  const table = formatTable(
    ['feed', 'health', 'last success', 'http', 'fails', 'items', 'new', 'next attempt / last error'],
    rows.map(({ id, health, listed, state }) => [
      listed ? id : `${id} (not in list)`,
      health,
      when(state?.lastSuccessAt),
      state?.httpStatus ? String(state.httpStatus) : '-',
      String(state?.consecutiveFailures ?? 0),
      state?.itemsSeen === undefined ? '-' : String(state.itemsSeen),
      state?.itemsNew === undefined ? '-' : String(state.itemsNew),
      notes(health, state, when),
    ]),
  );
  const count = (h: FeedHealth['health']) => rows.filter((r) => r.health === h).length;
  return (
    `${table}\n\n${rows.length} feed(s): ${count('healthy')} healthy, ${count('failing') + count('backoff')} failing (${count('backoff')} in backoff), ` +
    `${count('gone')} gone, ${count('empty')} empty, ${count('never polled')} never polled. Times are Lima time.`
  );
}

/** The last column: what a person should know (moved, gone, empty, retry time, last error). */
function notes(health: FeedHealth['health'], state: FeedState | undefined, when: (iso?: string) => string): string {
  if (!state) return '';
  const parts: string[] = [];
  if (state.movedPermanentlyTo) parts.push(`moved permanently to ${state.movedPermanentlyTo}: update the feed list`);
  if (health === 'gone') parts.push('410 Gone: not polled again until its URL in the list changes');
  if (health === 'empty') parts.push(`no items in ${state.emptyPolls} polls in a row: check the URL (a wrong section slug?)`);
  if (state.lastError && health !== 'gone') parts.push(`${health === 'backoff' ? `retry ${when(state.nextAttemptAt)}${state.nextAttemptReason === 'Retry-After' ? ' (Retry-After)' : ''}: ` : ''}${state.lastError}`);
  else if (!state.lastError && state.nextAttemptAt && state.nextAttemptReason) parts.push(`next poll ${when(state.nextAttemptAt)} (${state.nextAttemptReason})`);
  return parts.join('; ');
}

export interface CheckResult {
  url: string;
  finalUrl: string;
  httpStatus: number;
  charset: string;
  title?: string;
  itemsSeen: number;
  articles: {
    title: string;
    link: string;
    publishedAt: string;
    dateSource: Article['dateSource'];
    themes: { theme: string; score: number }[];
    regions: string[];
    author?: string;
    categories: string[];
    textLength: number;
    fullTextError?: string;
  }[];
  rejected: string[];
}

export async function checkFeed(feed: FeedSource, options: ReturnType<typeof fetcherOptions>): Promise<CheckResult> {
  const [{ createHttpFetcher }, { readFeed }, { withFullText }, { tagDraft }, { loadTagger }] = await Promise.all([
    import('../../lambdas/feeds/fetch/http-fetcher.ts'),
    import('../../lambdas/feeds/parse/read-feed.ts'),
    import('../../lambdas/feeds/full-text/full-text.ts'),
    import('../../lambdas/feeds/poll-feeds.ts'),
    import('../../lambdas/tagging/tagger.ts'),
  ]);
  const fetcher = createHttpFetcher(options);
  try {
    const now = new Date();
    const read = await readFeed(feed, fetcher, {}, now);
    if (read.status !== 'ok') throw new Error(`fetch: ${feed.url} answered 304 to an unconditional request`);
    const tagger = loadTagger();
    const articles: CheckResult['articles'] = [];
    for (const draft of read.drafts) {
      const full = feed.fullText ? await withFullText(draft, fetcher) : undefined;
      const article = tagDraft(full?.draft ?? draft, tagger);
      articles.push({
        title: article.title,
        link: article.canonicalUrl,
        publishedAt: article.publishedAt,
        dateSource: article.dateSource,
        themes: article.themes.map((t) => ({ theme: t.theme, score: t.score })),
        regions: article.regions,
        author: article.author,
        categories: article.categories,
        textLength: article.text.length,
        fullTextError: full && !full.ok ? full.error : undefined,
      });
    }
    return { url: feed.url, finalUrl: read.url, httpStatus: read.httpStatus, charset: read.charset, title: read.title, itemsSeen: read.itemsSeen, articles, rejected: read.rejected };
  } finally {
    fetcher.close();
  }
}

function formatCheck(result: CheckResult): string {
  const lines = [
    `${result.title ?? '(untitled feed)'} — ${result.finalUrl}${result.finalUrl !== result.url ? ` (redirected from ${result.url})` : ''}`,
    `HTTP ${result.httpStatus}, ${result.charset}; ${result.itemsSeen} item(s), ${result.articles.length} would be stored, ${result.rejected.length} rejected. Nothing was stored.`,
    '',
  ];
  for (const a of result.articles) {
    const date = `${formatLimaTime(a.publishedAt, 'en')}${a.dateSource === 'first_seen' ? ' (no usable feed date: first seen)' : ''}`;
    lines.push(a.title, `  ${a.link}`, `  ${date}   themes: ${a.themes.map((t) => `${t.theme} (${t.score.toFixed(1)})`).join(', ') || '-'}${a.regions.length ? `   regions: ${a.regions.join(', ')}` : ''}`);
    if (a.fullTextError) lines.push(`  ${a.fullTextError}`);
  }
  if (result.rejected.length) lines.push('', 'Rejected:', ...result.rejected.map((r) => `  ${r}`));
  return lines.join('\n');
}
