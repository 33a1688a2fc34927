/**
 * A web app over fresh DynamoDB Local tables holding a small, known set of
 * articles, some with the hostile titles, names and links of the bad-input
 * catalogue (tests/faults/bad-input.test.ts, rows "<script> and an onerror
 * image in the title", "hostile page…"), written through the real store.
 */
import type { Hono } from 'hono';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createWebApp, type WebDeps } from '../../lambdas/web/app.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { makeArticle } from '../store/make-article.ts';

export const NOW = '2026-11-22T17:00:00.000Z';
export const HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror=alert(2)>Robo en Surco';
export const HOSTILE_FEED_NAME = '"><svg onload=alert(3)>Diario';
export const HOSTILE_SUMMARY = '<iframe src="javascript:alert(4)"></iframe><p onclick="alert(5)">Los detenidos</p>';

export const FEEDS: FeedSource[] = [
  { id: 'larepublica', name: 'La República', url: 'https://larepublica.pe/rss', lang: 'es', fullText: false },
  { id: 'elcomercio', name: 'El Comercio', url: 'https://elcomercio.pe/rss', lang: 'es', fullText: false },
];

/** 30 extortion articles in Lima (one a day back from NOW), 3 mining ones in Pataz, and the hostile one. */
export function sampleArticles(): Article[] {
  const day = (n: number, hour = 10) => new Date(Date.parse(NOW) - n * 86_400_000 - hour * 3_600_000).toISOString();
  const articles: Article[] = [];
  for (let n = 0; n < 30; n++) {
    articles.push(
      withCountries(
        makeArticle({ title: `Extorsión número ${n} en Lima`, publishedAt: day(n), themes: { extortion: 5 + (n % 7) }, regions: ['lima'], feedId: n % 2 ? 'elcomercio' : 'larepublica', feedName: n % 2 ? 'El Comercio' : 'La República' }),
        ['PE'],
      ),
    );
  }
  for (let n = 0; n < 3; n++) {
    articles.push(withCountries(makeArticle({ title: `Minería ilegal en Pataz ${n}`, summary: 'Operativo contra dragas en el río.', publishedAt: day(n * 20 + 1, 5), themes: { illegal_mining: 8 }, regions: ['pataz'] }), ['PE']));
  }
  const hostile = makeArticle({
    url: 'https://noticias.example.pe/hostil',
    title: HOSTILE_TITLE,
    summary: HOSTILE_SUMMARY,
    publishedAt: day(2, 3),
    themes: { extortion: 9 },
    regions: ['lima'],
    feedName: HOSTILE_FEED_NAME,
  });
  hostile.sources.push({ feedId: 'evil', feedName: HOSTILE_FEED_NAME, link: 'javascript:alert(6)' });
  hostile.themes[0]!.hits[0]!.snippet = '…<b onmouseover=alert(7)>extorsión</b>…';
  articles.push(withCountries(hostile, ['CO']));
  return articles;
}

function withCountries(article: Article, countries: string[]): Article {
  return Object.assign(article, { countries });
}

export interface WebFixture {
  app: Hono;
  context: StoreContext;
  articles: Article[];
  close(): Promise<void>;
}

export async function createWebFixture(overrides: Partial<WebDeps> = {}): Promise<WebFixture> {
  const context = await createTestStores();
  const store = createDynamoDbArticleStore(context.doc, { tableName: context.tableNames.articles, retentionDays: 400, clock: fixedClock(NOW) });
  const articles = sampleArticles();
  for (const article of articles) await store.putArticle(article);
  await context.feedStates.put({ feedId: 'larepublica', url: FEEDS[0]!.url, consecutiveFailures: 0, lastSuccessAt: NOW, httpStatus: 200, itemsSeen: 20, itemsNew: 3 });
  await context.feedStates.put({
    feedId: 'elcomercio',
    url: FEEDS[1]!.url,
    consecutiveFailures: 2,
    httpStatus: 503,
    lastError: 'fetch: 503 Service Unavailable for feed https://elcomercio.pe/rss <script>',
    nextAttemptAt: '2026-11-22T18:00:00.000Z',
  });
  const app = createWebApp({
    articles: store,
    feedStates: context.feedStates,
    feeds: async () => FEEDS,
    catalog: loadTagger(),
    clock: fixedClock(NOW),
    // Generous, so a loaded test machine never cuts a search short; the budget itself is tested with a fake clock.
    searchBudgetMs: 20_000,
    ...overrides,
  });
  return { app, context, articles, close: () => context.close() };
}
