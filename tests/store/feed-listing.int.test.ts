/**
 * "Articles of feed F" (`query --feed`, export, the web app's feed filter) on
 * DynamoDB Local. The feed that first stores an article writes no FEED# item
 * for it; the listing merges the DAY# partitions filtered on `feedId` with
 * the FEED#F partition (articles F carried after another feed stored them,
 * and everything stored before the change, when the first feed had a FEED#
 * item too), newest first, each article once — checked against a model of
 * the answer, in pages of several sizes so pages cut across both streams.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import type { ListingItem, TimeRange } from '../../lambdas/store/article-store.ts';
import { expiresAt, feedIndexItem } from '../../lambdas/store/article-items.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { InvalidCursorError } from '../../lambdas/store/errors.ts';
import { collectListings } from '../../lambdas/store/find-listings.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { itemsFor } from './article-table.ts';
import { makeArticle } from './make-article.ts';
import { idsNewestFirst } from './newest-first.ts';

const NOW = '2026-11-30T17:00:00.000Z';
const RETENTION_DAYS = 400;
/** 30 Lima days, 2026-11-01 … 2026-11-30. */
const RANGE: TimeRange = { from: '2026-11-01T05:00:00.000Z', to: '2026-12-01T05:00:00.000Z' };
const FEED = 'larepublica';
const OTHERS = ['elcomercio', 'rpp'];

const store = (context: StoreContext) =>
  createDynamoDbArticleStore(context.doc, { tableName: context.tableNames.articles, retentionDays: RETENTION_DAYS, clock: fixedClock(NOW) });

interface Case {
  article: Article;
  /** Another feed that carries it after it was stored (a merged source). */
  mergedFrom?: string;
  /** Stored before the change: its first feed has a FEED# item too. */
  oldLayout?: boolean;
}

/**
 * Over 10 of the 30 days, at hours that straddle UTC midnight (a Lima day
 * starts at 05:00Z): articles first stored by FEED (new layout and old),
 * articles of other feeds that FEED carried later, articles of other feeds
 * alone, an expired one of FEED, two at the same instant, and two outside
 * the range.
 */
function corpus(): Case[] {
  const cases: Case[] = [];
  let n = 0;
  const add = (publishedAt: string, feedId: string, extra: Omit<Case, 'article'> = {}, firstSeenAt = publishedAt) => {
    n++;
    const article = makeArticle({ url: `https://noticias.example.pe/feed/${n}`, title: `Nota ${n}`, publishedAt, firstSeenAt, feedId, themes: n % 2 ? { extortion: 5 } : { prisons: 4 }, regions: ['lima'] });
    cases.push({ article, ...extra });
  };
  for (const day of [3, 4, 8, 12, 13, 17, 21, 25, 28, 30]) {
    const d = String(day).padStart(2, '0');
    add(`2026-11-${d}T04:30:00.000Z`, FEED); // 23:30 of the day before in Lima
    add(`2026-11-${d}T09:00:00.000Z`, OTHERS[day % 2]!, { mergedFrom: FEED });
    add(`2026-11-${d}T11:00:00.000Z`, FEED, { oldLayout: day % 3 === 0 });
    add(`2026-11-${d}T13:00:00.000Z`, OTHERS[0]!);
    add(`2026-11-${d}T15:00:00.000Z`, OTHERS[1]!, day % 4 === 0 ? { mergedFrom: FEED } : {});
    add(`2026-11-${d}T20:00:00.000Z`, FEED, { oldLayout: day % 2 === 0 });
  }
  // The same instant, one from each stream: the id breaks the tie, as in every listing.
  add('2026-11-19T12:00:00.000Z', FEED);
  add('2026-11-19T12:00:00.000Z', OTHERS[0]!, { mergedFrom: FEED });
  // Expired (first seen more than 400 days before NOW), not yet deleted by TTL.
  add('2026-11-20T12:00:00.000Z', FEED, {}, '2025-06-01T00:00:00.000Z');
  add('2026-11-20T13:00:00.000Z', OTHERS[1]!, { mergedFrom: FEED }, '2025-06-01T00:00:00.000Z');
  // Outside [from, to): the range's edges hold in both streams.
  add('2026-11-01T04:59:00.000Z', FEED);
  add('2026-12-01T05:00:00.000Z', OTHERS[0]!, { mergedFrom: FEED });
  return cases;
}

const cases = corpus();
const live = (a: Article) => expiresAt(a, RETENTION_DAYS) > Date.parse(NOW) / 1000;

/** FEED's live articles in RANGE, as a listing orders them. */
const expected = idsNewestFirst(
  cases.filter(({ article, mergedFrom }) => (article.feedId === FEED || mergedFrom === FEED) && live(article)).map(({ article }) => article),
  RANGE,
);

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
  const writer = store(context);
  await writer.putArticles(cases.map((c) => c.article));
  for (const { article, mergedFrom, oldLayout } of cases) {
    if (mergedFrom && !live(article)) {
      // An expired article seen again is stored anew, not merged: its FEED# item is put as a merge would have.
      const Item = feedIndexItem(article, mergedFrom, expiresAt(article, RETENTION_DAYS));
      await context.doc.send(new PutCommand({ TableName: context.tableNames.articles, Item }));
    } else if (mergedFrom) {
      const copy = { ...article, feedId: mergedFrom, sources: [{ feedId: mergedFrom, feedName: mergedFrom, link: `${article.canonicalUrl}?via=${mergedFrom}` }] };
      await expect(writer.putArticle(copy)).resolves.toBe('merged');
    }
    if (oldLayout) {
      // What the store wrote before 2026-11-30: a FEED# item for the first feed as well.
      const Item = feedIndexItem(article, article.feedId, expiresAt(article, RETENTION_DAYS));
      await context.doc.send(new PutCommand({ TableName: context.tableNames.articles, Item }));
    }
  }
}, 120_000);
afterAll(() => context.close());

async function readInPages(feedId: string, limit: number, range = RANGE) {
  const pages: ListingItem[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store(context).listPage({ by: 'feed', feedId }, range, { limit, cursor });
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor);
  return { pages, ids: pages.flat().map((l) => l.articleId) };
}

describe("a feed's articles: its day items merged with its FEED# items", () => {
  it('stores no FEED# item for the feed that first stored an article, and one for a feed that carried it later', async () => {
    const first = cases.find((c) => c.article.feedId === FEED && !c.oldLayout && !c.mergedFrom)!.article;
    const merged = cases.find((c) => c.mergedFrom === FEED)!.article;
    expect(await itemsFor(context, `FEED#${FEED}`, first.id)).toEqual([]);
    expect(await itemsFor(context, `FEED#${FEED}`, merged.id)).toHaveLength(1);
    expect(await itemsFor(context, `FEED#${merged.feedId}`, merged.id)).toEqual([]);
  });

  it('lists an article the feed stored first (no FEED# item) and one merged in from another feed', async () => {
    const { ids } = await readInPages(FEED, 100);
    const first = cases.find((c) => c.article.feedId === FEED && !c.oldLayout && live(c.article) && c.article.publishedAt >= RANGE.from)!.article;
    const merged = cases.find((c) => c.mergedFrom === FEED && live(c.article) && c.article.publishedAt < RANGE.to)!.article;
    expect(ids).toContain(first.id);
    expect(ids).toContain(merged.id);
  });

  it('lists an article stored before the change (a FEED# item and a day item) once', async () => {
    const old = cases.filter((c) => c.oldLayout).map((c) => c.article.id);
    expect(old.length).toBeGreaterThan(3);
    const { ids } = await readInPages(FEED, 100);
    for (const id of old) expect(ids.filter((i) => i === id)).toEqual([id]);
  });

  it('lists exactly the model answer, newest first, in pages of any size cut across both streams', async () => {
    expect(expected.length).toBeGreaterThan(30);
    for (const limit of [1, 2, 3, 7, 100]) {
      const { pages, ids } = await readInPages(FEED, limit);
      expect(ids).toEqual(expected);
      // Every page but the last is full (the last may be empty when the answer ends on a page boundary, as with the day listing).
      for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
    }
  });

  it('lists the articles of the other feeds the same way: those they stored first and those they carried later', async () => {
    for (const feedId of OTHERS) {
      const want = cases
        .filter(({ article, mergedFrom }) => (article.feedId === feedId || mergedFrom === feedId) && live(article))
        .map((c) => c.article)
        .filter((a) => a.publishedAt >= RANGE.from && a.publishedAt < RANGE.to)
        .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id))
        .map((a) => a.id);
      expect((await readInPages(feedId, 4)).ids).toEqual(want);
    }
  });

  it('stops at the limit: `query --feed --limit N` gives the N newest', async () => {
    const found = await collectListings(store(context), { range: RANGE, feedId: FEED, limit: 5 });
    expect(found.map((l) => l.articleId)).toEqual(expected.slice(0, 5));
  });

  it('filters on theme within the feed, across both streams', async () => {
    const found = await collectListings(store(context), { range: RANGE, feedId: FEED, theme: 'prisons' });
    const prisons = new Set(cases.filter((c) => c.article.themes.some((t) => t.theme === 'prisons')).map((c) => c.article.id));
    expect(found.map((l) => l.articleId)).toEqual(expected.filter((id) => prisons.has(id)));
  });

  it('takes a cursor handed out before the change (the FEED# partition and a sort key) and refuses one of another feed', async () => {
    const pivot = expected[10]!;
    const article = cases.find((c) => c.article.id === pivot)!.article;
    const old = Buffer.from(JSON.stringify({ p: `FEED#${FEED}`, s: `${article.publishedAt}#${article.id}` })).toString('base64url');
    const page = await store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { limit: 5, cursor: old });
    expect(page.items.map((l) => l.articleId)).toEqual(expected.slice(11, 16));

    const first = await store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { limit: 2 });
    await expect(store(context).listPage({ by: 'feed', feedId: 'rpp' }, RANGE, { cursor: first.cursor })).rejects.toThrow(InvalidCursorError);
    // A cursor of a later range resumes this one from its start; one below the range gives nothing more.
    const after = Buffer.from(JSON.stringify({ p: `FEED#${FEED}`, s: `2027-01-01T00:00:00.000Z#${'f'.repeat(32)}` })).toString('base64url');
    expect((await store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { limit: 3, cursor: after })).items.map((l) => l.articleId)).toEqual(expected.slice(0, 3));
    const before = Buffer.from(JSON.stringify({ p: `FEED#${FEED}`, s: `2026-01-01T00:00:00.000Z#${'0'.repeat(32)}` })).toString('base64url');
    expect(await store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { limit: 3, cursor: before })).toEqual({ items: [] });
    const forged = Buffer.from(JSON.stringify({ p: `FEED#${FEED}`, s: 'not-a-sort-key' })).toString('base64url');
    await expect(store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { cursor: forged })).rejects.toThrow(InvalidCursorError);
  });

  it('asks only Queries: one of the FEED# partition and at most one per Lima day of the range for a page', async () => {
    const recorder = recordCommands(context.client);
    const page = await store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { limit: 1000 });
    recorder.stop();
    expect(page.items.map((l) => l.articleId)).toEqual(expected);
    expect(new Set(recorder.operations())).toEqual(new Set(['Query']));
    const partitions = recorder.commands.map((c) => (c.input.ExpressionAttributeValues as Record<string, { S: string }>)[':pk']!.S);
    expect(partitions.filter((pk) => pk === `FEED#${FEED}`)).toHaveLength(1);
    const days = partitions.filter((pk) => pk.startsWith('DAY#'));
    expect(new Set(days).size).toBe(days.length);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('DAY#2026-11-30');
    expect(days.at(-1)).toBe('DAY#2026-11-01');
  });

  it('reads no day older than the page needs when the FEED# partition alone fills it', async () => {
    const recorder = recordCommands(context.client);
    const page = await store(context).listPage({ by: 'feed', feedId: FEED }, RANGE, { limit: 2 });
    recorder.stop();
    expect(page.items.map((l) => l.articleId)).toEqual(expected.slice(0, 2));
    const days = recorder.commands
      .map((c) => (c.input.ExpressionAttributeValues as Record<string, { S: string }>)[':pk']!.S)
      .filter((pk) => pk.startsWith('DAY#'));
    // The two newest FEED# items are on the 30th; the newest day alone holds the page.
    expect(days).toEqual(['DAY#2026-11-30']);
  });
});
