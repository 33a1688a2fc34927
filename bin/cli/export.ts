/**
 * `centinela export`: the articles of a period as a file analysts open in a
 * spreadsheet — one row per article, themes, regions and countries joined, CSV in UTF-8
 * with a BOM (so Excel reads the accents right). The listings come from the
 * index partitions (Queries), the full records from BatchGetItem, 100 at a time.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Article } from '../../lambdas/model/article.ts';
import { limaDay, limaMinute } from '../../lambdas/model/lima-time.ts';
import type { ListingQuery } from '../../lambdas/store/find-listings.ts';
import type { StoreContext } from '../local/local-context.ts';
import { addFilterOptions, browserFor, listingQueryFrom, loadCatalog, periodRules, toCsv, unknownFeed, usageError, type Catalog, type FilterOptions } from './query.ts';
import { addStoreOptions, withStore, type StoreOptions } from './store-options.ts';
import { UsageError } from './usage-error.ts';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const BOM = '\uFEFF';
const BATCH = 100;

export function registerExportCommand(program: Command, catalog: () => Promise<Catalog> = loadCatalog): void {
  const command = program
    .command('export')
    .description('Write the articles of a period to a file: CSV for spreadsheets (UTF-8 with BOM), or JSON Lines / JSON.')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  centinela export --since 30d --format csv\n' +
        '  centinela export --theme illegal_mining --since 2026-01-01 --until 2026-06-30 --out mineria-2026-s1.csv\n' +
        '  centinela export --aws --since 7d --format jsonl --out semana.jsonl',
    );
  addFilterOptions(command, catalog, '30d')
    .addOption(new Option('--format <format>', 'csv, jsonl or json').choices(EXPORT_FORMATS).default('csv'))
    .option('--out <file>', 'where to write (default: centinela-<from>_<to>.<format> in the current folder)')
    .option('--force', 'replace the file if it already exists (without it, an existing file is refused)', false);
  addStoreOptions(command).action(async (options: FilterOptions & StoreOptions & { format: ExportFormat; out?: string; force: boolean }, self: Command) => {
    const query = listingQueryFrom(options, new Date(), usageError(self), await periodRules(self, options));
    const file = path.resolve(options.out ?? defaultFileName(query, options.format));
    await checkOutFile(file, options.format, options.force);
    const articles = await withStore(options, async (store) => (await unknownFeed(store, query.feedId)) ?? exportArticles(store, query));
    if (typeof articles === 'string') return usageError(self)(articles);
    await writeExport(file, formatExport(articles, options.format), options.force);
    process.stderr.write(`Wrote ${articles.length} article(s) to ${file}\n`);
  });
}

/**
 * Refuses an --out path that cannot be written as a file, before the period is
 * read: its folder must exist, the path must not itself be a folder, and an
 * existing file is only replaced with --force (a second export of the same
 * period, default file name and all, must not silently overwrite the first).
 * @param file absolute path of the output file
 * @param format the export format, for the example file name of the message
 * @param force true (--force) to allow replacing an existing file
 * @throws UsageError (exit 2) naming --out, the path and the fix
 */
export async function checkOutFile(file: string, format: ExportFormat = 'csv', force = false): Promise<void> {
  const folder = path.dirname(file);
  const folderStats = await stat(folder).catch(() => undefined);
  if (!folderStats?.isDirectory()) {
    throw new UsageError(`--out ${file}: the folder ${folder} does not exist; create it first (mkdir -p) or pick another --out.`);
  }
  const fileStats = await stat(file).catch(() => undefined);
  if (fileStats?.isDirectory()) {
    throw new UsageError(`--out ${file} is a folder; give a file name, e.g. --out ${path.join(file, `centinela.${format}`)}.`);
  }
  if (fileStats && !force) throw alreadyExists(file);
}

/**
 * Writes the export to `file`. Without `force` the file is created exclusively
 * (flag `wx`), so a file that appeared after checkOutFile is still not overwritten.
 * @throws UsageError (exit 2) when the file exists and `force` is false
 */
export async function writeExport(file: string, content: string, force = false): Promise<void> {
  try {
    await writeFile(file, content, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(file);
    throw error;
  }
}

function alreadyExists(file: string): UsageError {
  return new UsageError(`${file} already exists; give --out another file name, or add --force to replace it.`);
}

export function defaultFileName(query: ListingQuery, format: ExportFormat): string {
  const lastDay = limaDay(new Date(Date.parse(query.range.to) - 1));
  return `centinela-${limaDay(query.range.from)}_${lastDay}.${format}`;
}

/** Every matching article, newest first, as full records. */
export async function exportArticles(store: Pick<StoreContext, 'doc' | 'tableNames'>, query: ListingQuery): Promise<Article[]> {
  const { findListings } = await import('../../lambdas/store/find-listings.ts');
  const browser = await browserFor(store);
  const articles: Article[] = [];
  let ids: string[] = [];
  const flush = async () => {
    articles.push(...(await browser.getArticles(ids)));
    ids = [];
  };
  for await (const listing of findListings(browser, query)) {
    ids.push(listing.articleId);
    if (ids.length === BATCH) await flush();
  }
  await flush();
  return articles;
}

export const EXPORT_COLUMNS = [
  'id',
  'published_at_utc',
  'published_lima',
  'title',
  'summary',
  'url',
  'feed_id',
  'sources',
  'themes',
  'theme_scores',
  'regions',
  'countries',
  'language',
  'first_seen_at_utc',
  'date_source',
];

export function formatExport(articles: Article[], format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(articles, null, 2)}\n`;
  if (format === 'jsonl') return articles.map((a) => `${JSON.stringify(a)}\n`).join('');
  return BOM + toCsv(EXPORT_COLUMNS, articles.map(exportRow));
}

function exportRow(article: Article): string[] {
  return [
    article.id,
    article.publishedAt,
    limaMinute(article.publishedAt),
    article.title,
    article.summary,
    article.canonicalUrl,
    article.feedId,
    article.sources.map((s) => s.feedName).join('; '),
    article.themes.map((t) => t.theme).join('; '),
    article.themes.map((t) => `${t.theme}:${t.score}`).join('; '),
    article.regions.join('; '),
    article.countries.join('; '),
    article.lang,
    article.firstSeenAt,
    article.dateSource,
  ];
}
