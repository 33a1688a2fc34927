/**
 * The six access patterns of docs/design.md that the articles table serves (1–4),
 * checked against an in-test model of what the answer must be, read in small
 * pages so every listing crosses several page boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { articleId } from '../../lambdas/feeds/normalize/canonical-url.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { limaDay } from '../../lambdas/model/lima-time.ts';
import type { ListingItem, ListingSource, TimeRange } from '../../lambdas/store/article-store.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { InvalidCursorError, StoreError } from '../../lambdas/store/errors.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { makeArticle } from './make-article.ts';
import { idsNewestFirst } from './newest-first.ts';

const THEMES = ['extortion', 'illegal_mining', 'prisons', 'coca', 'corruption', 'police_violence'];
const REGIONS = ['lima', 'callao', 'la-libertad', 'pataz', 'puno'];
const FEEDS = ['larepublica', 'elcomercio', 'rpp'];

/** 12 Lima days × 7 articles at hours that straddle UTC midnight, with overlapping themes and regions. */
function corpus(): Article[] {
  const articles: Article[] = [];
  let n = 0;
  for (let day = 10; day <= 21; day++) {
    for (const hour of [0, 3, 4, 5, 11, 17, 23]) {
      n++;
      const publishedAt = `2026-11-${day}T${String(hour).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;
      const themes = Object.fromEntries(
        [THEMES[n % 6]!, ...(n % 3 === 0 ? [THEMES[(n + 2) % 6]!] : [])].map((t, i) => [t, 10 - i * 4 + (n % 5)]),
      );
      articles.push(
        makeArticle({
          url: `https://noticias.example.pe/nota/${n}`,
          title: `Nota ${n}`,
          publishedAt,
          themes: n % 11 === 0 ? {} : themes,
          regions: n % 4 === 0 ? [] : [REGIONS[n % 5]!, ...(n % 2 === 0 ? [REGIONS[(n + 1) % 5]!] : [])],
          feedId: FEEDS[n % 3]!,
        }),
      );
    }
  }
  // Two articles published at the very same instant: the id breaks the tie.
  articles.push(makeArticle({ url: 'https://noticias.example.pe/gemela-a', publishedAt: '2026-11-15T12:00:00.000Z', themes: { coca: 6 }, regions: ['puno'] }));
  articles.push(makeArticle({ url: 'https://noticias.example.pe/gemela-b', publishedAt: '2026-11-15T12:00:00.000Z', themes: { coca: 6 }, regions: ['puno'] }));
  // On the edges of the test range below: one exactly at `from` (included), one exactly at `to` (excluded).
  for (const [name, publishedAt] of [['desde', EDGE_FROM], ['hasta', EDGE_TO]] as const) {
    articles.push(makeArticle({ url: `https://noticias.example.pe/${name}`, publishedAt, themes: { coca: 4, prisons: 2 }, regions: ['puno'], feedId: 'rpp' }));
  }
  return articles;
}

const EDGE_FROM = '2026-11-12T08:30:00.000Z';
const EDGE_TO = '2026-11-19T16:00:00.000Z';
const articles = corpus();
const store = (context: StoreContext) =>
  createDynamoDbArticleStore(context.doc, { tableName: context.tableNames.articles, retentionDays: 400, clock: fixedClock('2026-11-22T17:00:00.000Z') });

/** The picked articles in the range, as a listing orders them. */
function expected(pick: (a: Article) => boolean, range: TimeRange): string[] {
  return idsNewestFirst(articles.filter(pick), range);
}

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
  const writer = store(context);
  for (let i = 0; i < articles.length; i += 16) await Promise.all(articles.slice(i, i + 16).map((a) => writer.putArticle(a)));
});
afterAll(() => context.close());

async function readInPages(source: ListingSource, range: TimeRange, limit: number) {
  const pages: ListingItem[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store(context).listPage(source, range, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor);
  return { pages, ids: pages.flat().map((l) => l.articleId) };
}

const range: TimeRange = { from: EDGE_FROM, to: EDGE_TO };

describe('the access patterns on DynamoDB Local', () => {
  it('includes an article published exactly at `from` and leaves out one published exactly at `to`', async () => {
    const ids = (await store(context).listByTheme('coca', range)).map((l) => l.articleId);
    expect(ids).toContain(articleId('https://noticias.example.pe/desde'));
    expect(ids).not.toContain(articleId('https://noticias.example.pe/hasta'));
  });

  it.each(THEMES)('1. lists the articles of theme %s in [from, to), newest first, across pages', async (theme) => {
    const want = expected((a) => a.themes.some((t) => t.theme === theme), range);
    const { pages, ids } = await readInPages({ by: 'theme', theme }, range, 3);
    expect(ids).toEqual(want);
    expect(pages.length).toBeGreaterThan(2);
    expect(await store(context).listByTheme(theme, range).then((l) => l.map((i) => i.articleId))).toEqual(want);
  });

  it.each(REGIONS)('2. lists the articles of region %s in [from, to), newest first, across pages', async (region) => {
    const want = expected((a) => a.regions.includes(region), range);
    const { pages, ids } = await readInPages({ by: 'region', region }, range, 4);
    expect(ids).toEqual(want);
    expect(pages.length).toBeGreaterThan(2);
    expect(await store(context).listByRegion(region, range).then((l) => l.map((i) => i.articleId))).toEqual(want);
  });

  it('3. lists all articles of a Lima day, including those published after 19:00 in Lima (next day in UTC)', async () => {
    const day = '2026-11-14';
    const want = expected((a) => limaDay(a.publishedAt) === day, { from: '2026-11-14T05:00:00.000Z', to: '2026-11-15T05:00:00.000Z' });
    expect(want).toHaveLength(7);
    expect((await store(context).listByDay(day)).map((l) => l.articleId)).toEqual(want);
  });

  it('3. lists every article of a range through the day partitions, newest first, across day and page boundaries', async () => {
    const want = expected(() => true, range);
    for (const limit of [5, 7, 100]) {
      const { ids } = await readInPages({ by: 'day' }, range, limit);
      expect(ids).toEqual(want);
    }
  });

  it.each(FEEDS)("lists feed %s's articles in [from, to), newest first, across pages", async (feedId) => {
    const want = expected((a) => a.feedId === feedId, range);
    const { ids } = await readInPages({ by: 'feed', feedId }, range, 6);
    expect(ids).toEqual(want);
  });

  it('4. gets one article by id, and answers "have I stored this URL already?" by the id of the canonical URL', async () => {
    const article = articles[17]!;
    await expect(store(context).getArticle(article.id)).resolves.toEqual(article);
    await expect(store(context).getArticle(articleId(article.canonicalUrl))).resolves.toEqual(article);
    await expect(store(context).getArticle(articleId('https://noticias.example.pe/nunca-vista'))).resolves.toBeUndefined();
  });

  it('gets many articles by id in one batch, in the order asked, leaving out unknown ids', async () => {
    const ids = [articles[40]!.id, 'f'.repeat(32), articles[3]!.id];
    expect((await store(context).getArticles(ids)).map((a) => a.id)).toEqual([articles[40]!.id, articles[3]!.id]);
  });

  it('answers each listing with Queries and each lookup with GetItem or BatchGetItem, never a Scan', async () => {
    const recorder = recordCommands(context.client);
    await readInPages({ by: 'day' }, range, 10);
    await store(context).listByTheme('coca', range);
    await store(context).listByRegion('puno', range);
    await store(context).listByDay('2026-11-14');
    await store(context).getArticle(articles[0]!.id);
    await store(context).getArticles([articles[1]!.id]);
    recorder.stop();
    expect(new Set(recorder.operations())).toEqual(new Set(['Query', 'GetItem', 'BatchGetItem']));
  });

  it('carries in each listing what a reader needs, so no second read is made', async () => {
    const recorder = recordCommands(context.client);
    const [first] = (await store(context).listPage({ by: 'theme', theme: 'coca' }, range, { limit: 1 })).items;
    recorder.stop();
    expect(recorder.operations()).toEqual(['Query']);
    const article = articles.find((a) => a.id === first!.articleId)!;
    expect(first).toEqual({
      articleId: article.id,
      title: article.title,
      url: article.canonicalUrl,
      feedId: article.feedId,
      feedName: article.sources[0]!.feedName,
      publishedAt: article.publishedAt,
      score: article.themes.find((t) => t.theme === 'coca')!.score,
      themes: article.themes.map((t) => t.theme),
      regions: article.regions,
      countries: article.countries,
    });
  });

  it('refuses a cursor from another listing, a cursor it did not make, and a page size out of bounds', async () => {
    const page = await store(context).listPage({ by: 'theme', theme: 'coca' }, range, { limit: 2 });
    await expect(store(context).listPage({ by: 'theme', theme: 'prisons' }, range, { cursor: page.cursor })).rejects.toThrow(InvalidCursorError);
    await expect(store(context).listPage({ by: 'day' }, range, { cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);
    await expect(store(context).listPage({ by: 'day' }, range, { limit: 0 })).rejects.toThrow(StoreError);
  });
});
