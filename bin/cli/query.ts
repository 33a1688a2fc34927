/**
 * `centinela query`: list stored articles by theme, region, country, feed and period.
 * Three testable steps: parse the options (listingQueryFrom), read the
 * listings (runQuery: Queries only, paginated), format them (formatListings).
 * The option parsers and the CSV writer are shared with `export`.
 * Importing this module is cheap (commander, pure helpers): the store and the
 * tagger's catalog are imported when the command runs (bin/cli/main.ts).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { COUNTRY_CODE_HINT, parseCountryCodes } from '../../lambdas/model/country-codes.ts';
import { formatLimaTime, limaDay } from '../../lambdas/model/lima-time.ts';
import type { ArticleBrowser, ArticleStore, ListingItem } from '../../lambdas/store/article-store.ts';
import type { ListingQuery } from '../../lambdas/store/find-listings.ts';
import type { RegionInfo, ThemeInfo } from '../../lambdas/tagging/tagger.ts';
import type { StoreContext } from '../local/local-context.ts';
import { formatTable } from './output.ts';
import { addStoreOptions, withStore, type StoreOptions } from './store-options.ts';
import { checkTimeBound, parseTimeBound } from './time-bound.ts';

export { parseTimeBound };

export const QUERY_FORMATS = ['table', 'json', 'csv', 'jsonl'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

/** The valid theme and region ids (the tagger's). */
export interface Catalog {
  themes: ThemeInfo[];
  regions: RegionInfo[];
}

/** The bundled tagger as the catalog, imported on first use (the tagger and its rules take ~0.4 s to load). */
export async function loadCatalog(): Promise<Catalog> {
  const { loadTagger } = await import('../../lambdas/tagging/tagger.ts');
  return loadTagger();
}

export interface FilterOptions {
  theme?: string;
  region?: string;
  /** ISO 3166-1 alpha-2 codes, upper case, from every --country given. */
  country?: string[];
  feed?: string;
  text?: string;
  since: string;
  until?: string;
}

export interface QueryCommandOptions extends FilterOptions, StoreOptions {
  limit: number;
  format: QueryFormat;
}

export function registerQueryCommand(program: Command, catalog: () => Promise<Catalog> = loadCatalog): void {
  const command = program
    .command('query')
    .description('List stored articles, newest first, by theme, region, country, feed and period (DynamoDB Queries only, never a Scan).')
    .addHelpText(
      'after',
      '\nPeriods: --since/--until take 7d, 24h, 90m, 2w, a Lima day (2026-11-01; --until includes that day)\n' +
        'or an instant (2026-11-01T08:00, Lima time unless it has a zone).\n\n' +
        'Examples:\n' +
        '  centinela query --theme extortion --since 7d\n' +
        '  centinela query --region pataz --theme illegal_mining --since 2026-10-01 --until 2026-10-31 --format csv\n' +
        '  centinela query --feed la-republica-sociedad --text "Lurigancho" --limit 20 --format json\n' +
        '  centinela query --theme prisons --country EC,CO --since 30d\n' +
        '  centinela query --aws --theme prisons --since 24h',
    );
  addFilterOptions(command, catalog, '7d')
    .option('--limit <n>', 'at most this many articles; pages are read as needed', parseLimit, 50)
    .addOption(new Option('--format <format>', 'table, json, csv or jsonl').choices(QUERY_FORMATS).default('table'));
  addStoreOptions(command).action(async (options: QueryCommandOptions, self: Command) => {
    const query = listingQueryFrom(options, new Date(), usageError(self), await periodRules(self, options));
    const items = await withStore(options, async (store) => (await unknownFeed(store, query.feedId)) ?? runQuery(store, query));
    if (typeof items === 'string') return usageError(self)(items);
    process.stdout.write(formatListings(items, options.format));
    if (options.format === 'table') process.stderr.write(`${items.length} article(s), newest first.\n`);
  });
}

/**
 * --theme, --region, --country, --feed, --text, --since, --until: the same for `query` and `export`.
 * A theme or region id is checked against `catalog` after parsing and before
 * the action (a preAction hook), so the tagger loads only when one is given;
 * an unknown id fails as commander's own parsers do (exit 2, the valid ids listed).
 */
export function addFilterOptions(command: Command, catalog: () => Promise<Catalog>, defaultSince: string): Command {
  command.hook('preAction', async (self) => {
    const { theme, region } = self.opts<FilterOptions>();
    if (theme === undefined && region === undefined) return;
    const known = await catalog();
    const check = (flags: string, value: string | undefined, parse: (value: string, catalog: Catalog) => string) => {
      if (value === undefined) return;
      try {
        parse(value, known);
      } catch (error) {
        if (!(error instanceof InvalidArgumentError)) throw error;
        self.error(`error: option '${flags}' argument '${value}' is invalid. ${error.message}`, { exitCode: error.exitCode, code: error.code });
      }
    };
    check('--theme <id>', theme, parseTheme);
    check('--region <id>', region, parseRegion);
  });
  return command
    .option('--theme <id>', 'only articles tagged with this theme (an unknown id lists the valid ones)')
    .option('--region <id>', 'only articles tagged with this region (an unknown id lists the valid ones)')
    .option(
      '--country <codes>',
      'only articles about one of these countries: ISO 3166-1 alpha-2 codes (PE = Peru), comma-separated or repeated',
      parseCountryOption,
    )
    .option('--feed <id>', 'only articles carried by this feed (its id in the feed list)', parseFeedId)
    .option('--text <words>', 'only articles whose title or summary contains this text (case and accents ignored)')
    .option('--since <when>', 'start of the period: 7d, 24h, a Lima day YYYY-MM-DD or an instant', checkTimeBound('since'), defaultSince)
    .option('--until <when>', 'end of the period (default: now); a day is included whole', checkTimeBound('until'));
}

export function usageError(command: Command): (message: string) => never {
  return (message) => command.error(`error: ${message}`, { exitCode: 2 });
}

export function parseTheme(value: string, catalog: Catalog): string {
  if (catalog.themes.some((t) => t.id === value)) return value;
  throw new InvalidArgumentError(
    `unknown theme "${value}". Valid themes: ${catalog.themes.map((t) => `${t.id} (${t.label.en})`).join(', ')}.`,
  );
}

export function parseRegion(value: string, catalog: Catalog): string {
  if (catalog.regions.some((r) => r.id === value)) return value;
  throw new InvalidArgumentError(`unknown region "${value}". Valid regions: ${catalog.regions.map((r) => r.id).join(', ')}.`);
}

/** One --country value (may hold several codes) added to the codes of the earlier ones. */
export function parseCountryOption(value: string, previous: string[] = []): string[] {
  return countryOptionParser('--country')(value, previous);
}

/**
 * A commander parser for an option of country codes (`--country`, `--countries`):
 * comma-separated, repeatable, any case; an unknown code is a usage error (exit 2)
 * naming the option, the value and the fix.
 */
export function countryOptionParser(option: string): (value: string, previous?: string[]) => string[] {
  return (value, previous = []) => {
    const { codes, unknown } = parseCountryCodes([value]);
    if (unknown.length > 0 || codes.length === 0) {
      const what = unknown.length > 0 ? `unknown country code${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}` : 'no country code';
      throw new InvalidArgumentError(`${what} in ${option} "${value}"; ${COUNTRY_CODE_HINT}, e.g. ${option} PE or ${option} EC,CO.`);
    }
    return [...previous, ...codes.filter((code) => !previous.includes(code))];
  };
}

export function parseFeedId(value: string): string {
  if (/^[\w.-]+$/.test(value)) return value;
  throw new InvalidArgumentError(`"${value}" is not a feed id; use the id from the feed list, e.g. --feed la-republica-sociedad.`);
}

export function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100_000) {
    throw new InvalidArgumentError('--limit needs a whole number from 1 to 100000, e.g. --limit 200.');
  }
  return n;
}

/**
 * How far back a period may reach, and what the user gave. Retention (days an
 * article is kept after it is first seen, docs/data.md "Retention") bounds the
 * period: a Query per Lima day for days whose items have all expired would
 * cost time and find nothing (`--since 99999d` ran for minutes).
 */
export interface PeriodRules {
  /** false when --since is the command's default (7d for query, 30d for export): the user gave only --until. */
  sinceGiven: boolean;
  /** A period starting more than this many days before `now` starts there instead (Infinity: no bound). */
  retentionDays: number;
  /** Told, in one line, when the period was shortened. */
  note: (message: string) => void;
}

/** The largest `retentionDays` a stack can be deployed with (lib/config.ts): the bound with --aws, whose retention the CLI cannot see. */
export const MAX_DEPLOYED_RETENTION_DAYS = 3650;

/**
 * The period rules of a command run: the local retention (bin/local/local-context.ts),
 * or with --aws the largest a deployment can have; notes go to stderr.
 */
export async function periodRules(command: Command, options: StoreOptions): Promise<PeriodRules> {
  const retentionDays = options.aws ? MAX_DEPLOYED_RETENTION_DAYS : (await import('../local/local-context.ts')).DEFAULT_RETENTION_DAYS;
  return {
    sinceGiven: command.getOptionValueSource('since') !== 'default',
    retentionDays,
    note: (message) => process.stderr.write(`centinela: ${message}\n`),
  };
}

const ALL_GIVEN: PeriodRules = { sinceGiven: true, retentionDays: Infinity, note: () => {} };
const DAY_MS = 86_400_000;

/**
 * Options → the store's query; `fail` reports an invalid combination (exit 2).
 * A --since before the retention starts at the retention instead, with a note;
 * a period that ends before it fails.
 */
export function listingQueryFrom(
  options: FilterOptions & { limit?: number },
  now: Date,
  fail: (message: string) => never,
  rules: PeriodRules = ALL_GIVEN,
): ListingQuery {
  const to = options.until ? parseTimeBound(options.until, 'until', now) : now;
  let from = parseTimeBound(options.since, 'since', now);
  if (from >= to && !rules.sinceGiven) {
    const suggested = limaDay(new Date(to.getTime() - 7 * DAY_MS));
    fail(
      `--until ${options.until} is before the default start of the period (--since ${options.since}: ${formatLimaTime(from.toISOString(), 'en')} Lima); ` +
        `give --since too, e.g. --since ${suggested} --until ${options.until}.`,
    );
  }
  if (from >= to) fail(`--since (${from.toISOString()}) must be before --until (${to.toISOString()}); widen the period.`);
  const oldest = new Date(now.getTime() - rules.retentionDays * DAY_MS);
  if (from < oldest) {
    const kept = `articles are kept ${rules.retentionDays} days after they are first seen (docs/data.md, "Retention")`;
    if (to <= oldest) {
      fail(`the period ends before the oldest day anything is kept (${limaDay(oldest)}): ${kept}; ask for a period after ${limaDay(oldest)}.`);
    }
    rules.note(`--since ${options.since} starts before anything is kept: ${kept}, so the period starts ${rules.retentionDays} days ago, on ${limaDay(oldest)}.`);
    from = oldest;
  }
  return {
    range: { from: from.toISOString(), to: to.toISOString() },
    theme: options.theme,
    region: options.region,
    countries: options.country,
    feedId: options.feed,
    text: options.text?.trim() || undefined,
    limit: options.limit,
  };
}

/**
 * Why `feedId` names no feed, or undefined when it does: a feed is known when
 * it is in the bundled feed list or this store holds its state (every feed a
 * poll has fetched, `--feed <url>` ones included; one Query of the feeds
 * table, only for an id outside the list). A mistyped id would
 * otherwise list nothing, as a quiet feed does. The message lists the known
 * ids; the caller exits with it (after closing the store).
 */
export async function unknownFeed(store: Pick<StoreContext, 'feedStates'>, feedId: string | undefined): Promise<string | undefined> {
  if (feedId === undefined) return undefined;
  const { defaultFeeds } = await import('../../lambdas/feeds/feed-list.ts');
  const listed = defaultFeeds().map((feed) => feed.id);
  if (listed.includes(feedId)) return undefined;
  // Only for an id outside the list: one Query of the feeds' state partition.
  const known = new Set([...listed, ...(await store.feedStates.list()).map((state) => state.feedId)]);
  if (known.has(feedId)) return undefined;
  return `--feed "${feedId}" is neither in the feed list nor a feed this store has polled. Known feeds: ${[...known].sort().join(', ')} ("centinela feeds" shows them with their health).`;
}

export async function runQuery(store: Pick<StoreContext, 'doc' | 'tableNames'>, query: ListingQuery): Promise<ListingItem[]> {
  const { collectListings } = await import('../../lambdas/store/find-listings.ts');
  return collectListings(await browserFor(store), query);
}

/** The article store over the store's articles table, for reading only (retention matters to writes alone). */
export async function browserFor(store: Pick<StoreContext, 'doc' | 'tableNames'>): Promise<ArticleStore & ArticleBrowser> {
  const { createDynamoDbArticleStore } = await import('../../lambdas/store/dynamodb-article-store.ts');
  return createDynamoDbArticleStore(store.doc, { tableName: store.tableNames.articles, retentionDays: 1 });
}

const CSV_COLUMNS = ['id', 'published_at', 'title', 'url', 'feed_id', 'feed', 'score', 'themes', 'regions', 'countries'];

export function formatListings(items: ListingItem[], format: QueryFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(items, null, 2)}\n`;
    case 'jsonl':
      return items.map((item) => `${JSON.stringify(item)}\n`).join('');
    case 'csv':
      return toCsv(
        CSV_COLUMNS,
        items.map((i) => [i.articleId, i.publishedAt, i.title, i.url, i.feedId ?? '', i.feedName, String(i.score), i.themes.join('; '), i.regions.join('; '), i.countries.join('; ')]),
      );
    case 'table':
      return `${formatTable(
        ['published (Lima)', 'score', 'themes', 'regions', 'countries', 'feed', 'title', 'id'],
        items.map((i) => [
          formatLimaTime(i.publishedAt, 'en'),
          String(i.score),
          i.themes.join(','),
          i.regions.join(','),
          i.countries.join(',') || '?',
          i.feedName,
          i.title.length > 70 ? `${i.title.slice(0, 69)}…` : i.title,
          i.articleId,
        ]),
      )}\n`;
  }
}

/** RFC 4180 CSV with CRLF line ends, every cell spreadsheet-safe. */
export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/**
 * Quotes when needed; a cell a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR at the start: titles come from the internet) gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
