/**
 * Listing every article through the Lima-day partitions (`centinela query`
 * with no theme, region or feed) reads a few days ahead in parallel once a
 * day is read to its end without filling the page. The pages must be exactly
 * those of reading one day after the other: same items, same order, same
 * limit, and cursors that resume at the right item, also when a page is cut
 * inside a day that was read ahead. Measured on DynamoDB Local, with every
 * Query counted and the Queries in flight at once tracked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import type { ListingItem, TimeRange } from '../../lambdas/store/article-store.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { READ_AHEAD } from '../../lambdas/store/dynamodb-listings.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { makeArticle } from './make-article.ts';

const NOW = '2026-11-30T17:00:00.000Z';
/** 31 Lima days, 2026-10-31 … 2026-11-30 (Lima is UTC−5: a Lima day starts at 05:00 UTC). */
const RANGE: TimeRange = { from: '2026-10-31T05:00:00.000Z', to: '2026-12-01T05:00:00.000Z' };
const DAYS_IN_RANGE = 31;

/**
 * Sparse days, as a real month of one outlet looks: most days empty, a busy
 * day of 9 articles, a day whose articles have all expired (TTL passed, not
 * yet deleted: the Query's filter drops them), a day mixing both, and two
 * articles outside the range that must not show.
 */
function corpus(): { live: Article[]; expired: Article[] } {
  const live: Article[] = [];
  const expired: Article[] = [];
  let n = 0;
  const add = (publishedAt: string, dead = false) => {
    n++;
    const article = makeArticle({
      url: `https://noticias.example.pe/dia/${n}`,
      title: `Nota ${n}`,
      publishedAt,
      // 400 days of retention from first sight: seen in 2025, an article has expired by NOW.
      firstSeenAt: dead ? '2025-06-01T00:00:00.000Z' : publishedAt,
      themes: { extortion: 5 },
    });
    (dead ? expired : live).push(article);
  };
  for (const hour of ['06', '09', '12', '15']) add(`2026-11-30T${hour}:10:00.000Z`);
  for (let k = 0; k < 9; k++) add(`2026-11-27T${String(6 + k).padStart(2, '0')}:00:00.000Z`);
  add('2026-11-26T10:00:00.000Z', true);
  add('2026-11-26T11:00:00.000Z', true);
  add('2026-11-20T04:30:00.000Z'); // 23:30 on the 19th in Lima
  add('2026-11-20T08:00:00.000Z');
  add('2026-11-20T09:00:00.000Z', true);
  add('2026-11-20T10:00:00.000Z');
  add('2026-11-11T12:00:00.000Z');
  add('2026-11-02T12:00:00.000Z');
  add('2026-11-02T13:00:00.000Z');
  add('2026-10-31T12:00:00.000Z');
  add('2026-10-31T05:00:00.000Z'); // exactly at `from`: included
  add('2026-10-31T04:59:00.000Z'); // a minute before: outside
  add('2026-12-01T05:00:00.000Z'); // exactly at `to`: outside
  return { live, expired };
}

const { live, expired } = corpus();
const inRange = live
  .filter((a) => a.publishedAt >= RANGE.from && a.publishedAt < RANGE.to)
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id))
  .map((a) => a.id);

let context: StoreContext;
const store = () => createDynamoDbArticleStore(context.doc, { tableName: context.tableNames.articles, retentionDays: 400, clock: fixedClock(NOW) });

/** Counts the Queries sent and the most in flight at once (hooked before the SDK's retries: one per command). */
function trackQueries() {
  const seen = { queries: 0, inFlight: 0, maxInFlight: 0 };
  const name = `trackQueries${Math.random()}`;
  context.client.middlewareStack.add(
    (next, ctx) => async (args) => {
      if (ctx.commandName !== 'QueryCommand') return next(args);
      seen.queries++;
      seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
      try {
        return await next(args);
      } finally {
        seen.inFlight--;
      }
    },
    { step: 'initialize', name },
  );
  return { seen, stop: () => context.client.middlewareStack.remove(name) };
}

async function readInPages(limit: number): Promise<ListingItem[][]> {
  const pages: ListingItem[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store().listPage({ by: 'day' }, RANGE, { limit, cursor });
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor && pages.length < 100);
  return pages;
}

beforeAll(async () => {
  context = await createTestStores();
  await store().putArticles([...live, ...expired]);
});
afterAll(() => context.close());

describe('listing by Lima day with partitions read ahead', () => {
  it('the corpus has what the cases need: live articles on sparse days, expired ones between them', () => {
    expect(inRange).toHaveLength(21);
    expect(expired).toHaveLength(3);
  });

  it.each([1, 2, 3, 4, 5, 8, 9, 13, 19, 20, 21, 100])('pages of %i hold every live article of the range once, newest first, full but for the last', async (limit) => {
    const pages = await readInPages(limit);
    expect(pages.flat().map((l) => l.articleId)).toEqual(inRange);
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
    expect(pages.at(-1)!.length).toBeLessThanOrEqual(limit);
  });

  it('a page filled by the newest day costs one Query: nothing is read ahead', async () => {
    const tracked = trackQueries();
    const page = await store().listPage({ by: 'day' }, RANGE, { limit: 3 });
    tracked.stop();
    expect(page.items.map((l) => l.articleId)).toEqual(inRange.slice(0, 3));
    expect(tracked.seen).toMatchObject({ queries: 1, maxInFlight: 1 });
  });

  it(`reads the month in one Query per day, up to ${READ_AHEAD} at once, instead of 31 one after the other`, async () => {
    const tracked = trackQueries();
    const page = await store().listPage({ by: 'day' }, RANGE, { limit: 1000 });
    tracked.stop();
    expect(page.items.map((l) => l.articleId)).toEqual(inRange);
    expect(page.cursor).toBeUndefined();
    expect(tracked.seen.queries).toBe(DAYS_IN_RANGE);
    expect(tracked.seen.maxInFlight).toBe(READ_AHEAD);
  });

  it('a page cut inside a day read ahead resumes at the next item of that day', async () => {
    // 17 articles up to the 11th, so the 3rd is exhausted with 3 missing: the 2nd (2 articles) and 31 Oct (2) were
    // both read ahead asking for 3. The 2nd leaves room for 1: 31 Oct's page is cut after its first article.
    const first = await store().listPage({ by: 'day' }, RANGE, { limit: 20 });
    expect(first.items.map((l) => l.articleId)).toEqual(inRange.slice(0, 20));
    const second = await store().listPage({ by: 'day' }, RANGE, { limit: 20, cursor: first.cursor });
    expect(second.items.map((l) => l.articleId)).toEqual(inRange.slice(20));
    expect(second.cursor).toBeUndefined();
  });
});
