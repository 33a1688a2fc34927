/**
 * "Articles of feed F" against a model on random corpora (DynamoDB Local):
 * articles at random instants over six Lima days (many at and around Lima
 * midnight, several at the same instant), first stored by one of three feeds,
 * some carried later by the others (merged sources), some with the FEED# item
 * of the old layout; listed over random ranges whose edges fall on article
 * instants, in pages of random size.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import type { TimeRange } from '../../lambdas/store/article-store.ts';
import { expiresAt, feedIndexItem } from '../../lambdas/store/article-items.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { makeArticle } from './make-article.ts';

const NOW = '2026-11-30T17:00:00.000Z';
const FEEDS = ['fa', 'fb', 'fc'];
/** Lima days 2026-11-24 … 2026-11-29 start at 05:00Z. */
const START = Date.parse('2026-11-24T05:00:00.000Z');
const HOUR = 3_600_000;

interface Case {
  article: Article;
  later: string[];
  oldLayout: boolean;
}

const store = (c: StoreContext) => createDynamoDbArticleStore(c.doc, { tableName: c.tableNames.articles, retentionDays: 400, clock: fixedClock(NOW) });

describe("a feed's articles on random corpora", () => {
  it('lists exactly the model answer for any feed, range and page size', async () => {
    // Instants: whole hours of six days, and the last millisecond before and the first at each Lima midnight.
    const instant = fc.oneof(
      fc.integer({ min: 0, max: 6 * 24 - 1 }).map((h) => START + h * HOUR),
      fc.integer({ min: 0, max: 6 }).chain((d) => fc.constantFrom(START + d * 24 * HOUR - 1, START + d * 24 * HOUR)),
    );
    const spec = fc.record({ at: instant, first: fc.constantFrom(...FEEDS), later: fc.subarray(FEEDS), oldLayout: fc.boolean() });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 0, maxLength: 25 }), fc.array(fc.tuple(fc.constantFrom(...FEEDS), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }), async (specs, questions) => {
        run++;
        const tables = await createTestStores();
        try {
          const writer = store(tables);
          const cases: Case[] = specs.map((s, i) => ({
            article: makeArticle({ url: `https://n.example.pe/${run}/${i}`, publishedAt: new Date(s.at).toISOString(), firstSeenAt: NOW, feedId: s.first, themes: { extortion: 5 }, regions: ['lima'] }),
            later: s.later.filter((f) => f !== s.first),
            oldLayout: s.oldLayout,
          }));
          await writer.putArticles(cases.map((c) => c.article));
          for (const { article, later, oldLayout } of cases) {
            for (const feedId of later) {
              const copy = { ...article, feedId, sources: [{ feedId, feedName: feedId, link: `${article.canonicalUrl}?via=${feedId}` }] };
              expect(await writer.putArticle(copy)).toBe('merged');
            }
            if (oldLayout) {
              await tables.doc.send(new PutCommand({ TableName: tables.tableNames.articles, Item: feedIndexItem(article, article.feedId, expiresAt(article, 400)) }));
            }
          }
          const instants = [...new Set(cases.map((c) => c.article.publishedAt)), '2026-11-24T05:00:00.000Z', '2026-11-30T05:00:00.000Z'].sort();
          for (const [feedId, a, b, limit] of questions) {
            const x = instants[a % instants.length]!;
            const y = instants[b % instants.length]!;
            if (x === y) continue;
            const range: TimeRange = x < y ? { from: x, to: y } : { from: y, to: x };
            const want = cases
              .filter((c) => c.article.feedId === feedId || c.later.includes(feedId))
              .map((c) => c.article)
              .filter((art) => art.publishedAt >= range.from && art.publishedAt < range.to)
              .sort((p, q) => q.publishedAt.localeCompare(p.publishedAt) || q.id.localeCompare(p.id))
              .map((art) => art.id);
            const got: string[] = [];
            let cursor: string | undefined;
            let pages = 0;
            do {
              const page = await writer.listPage({ by: 'feed', feedId }, range, { limit, cursor });
              got.push(...page.items.map((l) => l.articleId));
              cursor = page.cursor;
              expect(++pages).toBeLessThan(50);
            } while (cursor);
            expect({ feedId, range, limit, got }).toEqual({ feedId, range, limit, got: want });
          }
        } finally {
          await tables.close();
        }
      }),
      { numRuns: 25, seed: 20261130 },
    );
  }, 300_000);
});
