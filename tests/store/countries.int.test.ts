/** The country decision in the store and in `query --country`, `show` and `export`, on DynamoDB Local. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArticles, formatExport } from '../../bin/cli/export.ts';
import { formatListings, listingQueryFrom, runQuery, type FilterOptions } from '../../bin/cli/query.ts';
import { findArticle, formatArticle } from '../../bin/cli/show.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { articleItem, articleKey, indexItems } from '../../lambdas/store/article-items.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { makeArticle } from './make-article.ts';
import { csvRecords } from './parse-csv.ts';
import { partitionItems } from './article-table.ts';

const NOW = new Date('2026-11-22T17:00:00.000Z');
const noFailure = (message: string): never => {
  throw new Error(`unexpected usage error: ${message}`);
};
const query = (options: Partial<FilterOptions>) => listingQueryFrom({ since: '30d', ...options }, NOW, noFailure);

const peru = makeArticle({ url: 'https://c.example.pe/lurigancho', title: 'Motín en el penal de Lurigancho', publishedAt: '2026-11-21T10:00:00.000Z', themes: { prisons: 8 }, regions: ['lima'], countries: ['PE'] });
const ecuador = makeArticle({ url: 'https://c.example.pe/guayaquil', title: 'Masacre en la Penitenciaría del Litoral', publishedAt: '2026-11-21T09:00:00.000Z', themes: { prisons: 9 }, countries: ['EC'] });
const both = makeArticle({ url: 'https://c.example.pe/frontera', title: 'Vacunas en la frontera de Tumbes y El Oro', publishedAt: '2026-11-20T09:00:00.000Z', themes: { extortion: 7 }, regions: ['tumbes'], countries: ['EC', 'PE'] });
const colombia = makeArticle({ url: 'https://c.example.pe/catatumbo', title: 'Erradicación en el Catatumbo', publishedAt: '2026-11-19T09:00:00.000Z', themes: { coca: 6 }, countries: ['CO'] });
const unknown = makeArticle({ url: 'https://c.example.pe/sin-pais', title: 'Nota sin país', publishedAt: '2026-11-18T09:00:00.000Z', themes: { prisons: 3 }, countries: [] });
/** Stored as items were before the country decision: no `countries` attribute anywhere. */
const legacy = makeArticle({ url: 'https://c.example.pe/antigua', title: 'Nota antigua', publishedAt: '2026-11-17T09:00:00.000Z', themes: { prisons: 4 }, regions: ['lima'] });

const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe('countries in the store and the query commands', () => {
  let context: StoreContext;

  beforeAll(async () => {
    context = await createTestStores();
    for (const article of [peru, ecuador, both, colombia, unknown]) await context.articles.putArticle(article);
    for (const item of [articleItem(legacy, 400), ...indexItems(legacy, 400)]) {
      const { countries: _dropped, ...old } = item;
      await context.doc.send(new PutCommand({ TableName: context.tableNames.articles, Item: old }));
    }
  });
  afterAll(() => context.close());

  it('keeps countries on the article and on every one of its index items', async () => {
    const { Item } = await context.doc.send(new GetCommand({ TableName: context.tableNames.articles, Key: articleKey(both.id) }));
    expect(Item?.countries).toEqual(['EC', 'PE']);
    const index = [
      ...(await partitionItems(context, 'THEME#extortion')),
      ...(await partitionItems(context, 'REGION#tumbes')),
      ...(await partitionItems(context, 'DAY#2026-11-20')),
    ].filter((i) => i.articleId === both.id);
    // (no FEED# item: the feed that first stores an article has none; its day item carries feedId)
    expect(index.map((i) => i.type).sort()).toEqual(['day-index', 'region-index', 'theme-index']);
    for (const item of index) expect(item.countries).toEqual(['EC', 'PE']);
  });

  it('reads an article and listings stored without the attribute as countries []', async () => {
    const article = await context.articles.getArticle(legacy.id);
    expect(article?.countries).toEqual([]);
    expect(article?.title).toBe('Nota antigua');
    const listed = await runQuery(context, query({ region: 'lima' }));
    expect(listed.find((i) => i.articleId === legacy.id)?.countries).toEqual([]);
  });

  it('--country PE lists the articles about Peru, alone or with other countries, and never unknown ones', async () => {
    expect(titles(await runQuery(context, query({ country: ['PE'] })))).toEqual([peru.title, both.title]);
  });

  it('several countries match any of them; with --theme only that theme', async () => {
    expect(titles(await runQuery(context, query({ country: ['EC', 'CO'] })))).toEqual([ecuador.title, both.title, colombia.title]);
    expect(titles(await runQuery(context, query({ theme: 'prisons', country: ['EC'] })))).toEqual([ecuador.title]);
    expect(titles(await runQuery(context, query({ theme: 'prisons', country: ['PE'] })))).toEqual([peru.title]);
    expect(await runQuery(context, query({ region: 'lima', country: ['BO'] }))).toEqual([]);
  });

  it('filters on the index items: Queries only, no Scan and no read of the articles', async () => {
    const recorder = recordCommands(context.client);
    await runQuery(context, query({ country: ['PE'] }));
    await runQuery(context, query({ theme: 'prisons', country: ['EC'] }));
    recorder.stop();
    expect(new Set(recorder.operations())).toEqual(new Set(['Query']));
  });

  it('query prints countries in every format', async () => {
    const items = await runQuery(context, query({ country: ['EC'] }));
    expect(csvRecords(formatListings(items, 'csv')).map((r) => r.countries)).toEqual(['EC', 'EC; PE']);
    expect(JSON.parse(formatListings(items, 'json')).map((i: { countries: string[] }) => i.countries)).toEqual([['EC'], ['EC', 'PE']]);
    const table = formatListings(await runQuery(context, query({ theme: 'prisons' })), 'table').trimEnd().split('\n');
    expect(table[0]).toMatch(/\bregions\s+countries\s+feed\b/);
    expect(table.find((line) => line.includes(ecuador.id))).toMatch(/\sEC\s/);
    expect(table.find((line) => line.includes(unknown.id))).toMatch(/\s\?\s/);
  });

  it('show names the countries, or says the country is unknown', async () => {
    const catalog = loadTagger();
    expect(formatArticle(await findArticle(context, both.id), catalog)).toMatch(/^countries\s+Ecuador \(EC\), Peru \(PE\)$/m);
    expect(formatArticle(await findArticle(context, legacy.id), catalog)).toMatch(/^countries\s+\(unknown\)$/m);
  });

  it('export has a countries column, and --country selects the rows', async () => {
    const rows = csvRecords(formatExport(await exportArticles(context, query({})), 'csv').slice(1));
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r.countries]));
    expect(byTitle).toEqual({
      [peru.title]: 'PE',
      [ecuador.title]: 'EC',
      [both.title]: 'EC; PE',
      [colombia.title]: 'CO',
      [unknown.title]: '',
      [legacy.title]: '',
    });
    const peruOnly: Article[] = await exportArticles(context, query({ country: ['PE'] }));
    expect(titles(peruOnly)).toEqual([peru.title, both.title]);
  });
});
