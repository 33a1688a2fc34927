import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { articleKey, indexItems, MAX_STORED_TEXT } from '../../lambdas/store/article-items.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { makeArticle } from './make-article.ts';

const NOW = '2026-11-22T17:00:00.000Z';
const RETENTION_DAYS = 400;

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
});
afterAll(() => context.close());

function storeAt(now = NOW, retentionDays = RETENTION_DAYS) {
  return createDynamoDbArticleStore(context.doc, { tableName: context.tableNames.articles, retentionDays, clock: fixedClock(now) });
}

let serial = 0;
function freshArticle(overrides: Partial<Parameters<typeof makeArticle>[0]> = {}): Article {
  serial++;
  return makeArticle({
    url: `https://noticias.example.pe/put/${serial}`,
    title: `Extorsionadores detenidos en Trujillo (${serial})`,
    publishedAt: '2026-11-20T14:30:00.000Z',
    firstSeenAt: '2026-11-20T15:00:00.000Z',
    themes: { extortion: 7.5, corruption: 3 },
    regions: ['la-libertad', 'trujillo'],
    ...overrides,
  });
}

/** Every item of an article as stored: the record and each index item, read by key. */
async function storedItems(article: Article): Promise<Record<string, unknown>[]> {
  const keys = [articleKey(article.id), ...indexItems(article, RETENTION_DAYS).map(({ pk, sk }) => ({ pk, sk }))];
  const items = [];
  for (const Key of keys) {
    const { Item } = await context.doc.send(new GetCommand({ TableName: context.tableNames.articles, Key, ConsistentRead: true }));
    if (Item) items.push(Item);
  }
  return items;
}

async function partitionItems(pk: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await context.doc.send(
    new QueryCommand({
      TableName: context.tableNames.articles,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/** Makes the next TransactWriteItems fail: before it reaches DynamoDB, or after it committed (the reply is lost). */
function crashNextTransaction(client: DynamoDBClient, when: 'before' | 'after'): void {
  const name = `crash-${when}-${serial}`;
  client.middlewareStack.add(
    (next, handlerContext) => async (args) => {
      if (handlerContext.commandName !== 'TransactWriteItemsCommand') return next(args);
      client.middlewareStack.remove(name);
      if (when === 'before') throw new Error('simulated crash before the write');
      await next(args);
      throw new Error('simulated crash after the write');
    },
    { step: 'initialize', name },
  );
}

describe('putArticle on DynamoDB Local', () => {
  it('writes the article and all its index items in one transaction', async () => {
    const article = freshArticle();
    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticle(article)).resolves.toBe('new');
    recorder.stop();

    expect(recorder.operations()).toEqual(['GetItem', 'TransactWriteItems']);
    const actions = recorder.commands[1]!.input.TransactItems as unknown[];
    // article + 2 themes + 2 regions + 1 day + 1 feed
    expect(actions).toHaveLength(7);
    const items = await storedItems(article);
    expect(items.map((i) => `${i.pk}`)).toEqual([
      `ARTICLE#${article.id}`,
      'THEME#extortion',
      'THEME#corruption',
      'REGION#la-libertad',
      'REGION#trujillo',
      'DAY#2026-11-20',
      'FEED#larepublica',
    ]);
  });

  it('costs one read and no write when the same article from the same feed comes again', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    recorder.stop();
    expect(recorder.operations()).toEqual(['GetItem']);
  });

  it('puts what a listing shows on every index item, with the theme score on theme items', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const [, extortion, corruption, region, day] = await storedItems(article);
    const listing = {
      articleId: article.id,
      title: article.title,
      url: article.canonicalUrl,
      feedId: 'larepublica',
      feedName: 'LAREPUBLICA',
      publishedAt: article.publishedAt,
      themes: ['extortion', 'corruption'],
      regions: ['la-libertad', 'trujillo'],
    };
    expect(extortion).toMatchObject({ ...listing, score: 7.5, sk: `2026-11-20T14:30:00.000Z#${article.id}` });
    expect(corruption).toMatchObject({ ...listing, score: 3 });
    expect(region).toMatchObject({ ...listing, score: 7.5 });
    expect(day).toMatchObject({ ...listing, score: 7.5 });
  });

  it('sets the TTL attribute on the article and every index item: first seen + retention days', async () => {
    const article = freshArticle();
    await storeAt(NOW, 30).putArticle(article);
    const expected = Date.parse('2026-11-20T15:00:00.000Z') / 1000 + 30 * 86_400;
    const items = await storedItems(article);
    expect(items).toHaveLength(7);
    for (const item of items) expect(item.expiresAt).toBe(expected);
  });

  it('keeps the whole article record: first-seen time, sources, themes with hits, regions, language, URL, feed', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    await expect(storeAt().getArticle(article.id)).resolves.toEqual(article);
  });

  it('caps a very long body text so the item stays far below the 400 KB limit', async () => {
    const article = freshArticle({});
    article.text = 'ñ'.repeat(300_000);
    await expect(storeAt().putArticle(article)).resolves.toBe('new');
    const stored = await storeAt().getArticle(article.id);
    expect(stored?.text).toHaveLength(MAX_STORED_TEXT);
    expect({ ...stored, text: '' }).toEqual({ ...article, text: '' });
  });

  it('re-storing the same article changes nothing', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const before = await storedItems(article);
    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    expect(await storedItems(article)).toEqual(before);
  });

  it('re-storing the article from another feed adds that source and a feed index item, and changes nothing else', async () => {
    const original = freshArticle();
    await storeAt().putArticle(original);
    const before = await storedItems(original);
    const seenElsewhere: Article = {
      ...original,
      title: 'Otro titular para la misma nota',
      summary: 'Otro resumen',
      publishedAt: '2026-11-21T09:00:00.000Z',
      firstSeenAt: '2026-11-22T10:00:00.000Z',
      feedId: 'elcomercio',
      sources: [{ feedId: 'elcomercio', feedName: 'El Comercio', link: 'https://elcomercio.example.pe/nota' }],
      themes: [{ theme: 'prisons', score: 9, hits: [] }],
      regions: ['lima'],
    };

    await expect(storeAt().putArticle(seenElsewhere)).resolves.toBe('merged');

    const stored = await storeAt().getArticle(original.id);
    expect(stored).toEqual({ ...original, sources: [...original.sources, ...seenElsewhere.sources] });
    const after = await storedItems(original);
    expect(after.slice(1)).toEqual(before.slice(1)); // theme, region, day and first feed items untouched
    expect(await partitionItems('THEME#prisons')).toEqual([]);
    const [feedItem] = (await partitionItems('FEED#elcomercio')).filter((i) => i.articleId === original.id);
    expect(feedItem).toEqual({ ...before.at(-1), pk: 'FEED#elcomercio' });
    await expect(storeAt().putArticle(seenElsewhere)).resolves.toBe('unchanged');
  });

  it('keeps every source exactly once when several feeds store the same article at the same moment, twice each', async () => {
    const base = freshArticle();
    const feeds = ['larepublica', 'elcomercio', 'rpp', 'infobae'];
    const copies = feeds.map((feedId) => ({ ...base, feedId, sources: [{ feedId, feedName: feedId, link: `https://${feedId}.example/x` }] }));

    const outcomes = await Promise.all([...copies, ...copies].map((copy) => storeAt().putArticle(copy)));

    expect(outcomes.filter((o) => o === 'new')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'merged')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(4);
    const stored = await storeAt().getArticle(base.id);
    expect(stored?.sources.map((s) => s.feedId).sort()).toEqual([...feeds].sort());
    for (const feedId of feeds) {
      expect((await partitionItems(`FEED#${feedId}`)).filter((i) => i.articleId === base.id)).toHaveLength(1);
    }
  });
});

describe('putArticle when a write is interrupted', () => {
  it('a crash after the transaction committed, then a retry, leaves every item once and the retry writes nothing', async () => {
    const article = freshArticle();
    crashNextTransaction(context.client, 'after');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash after the write');
    const afterCrash = await storedItems(article);
    expect(afterCrash).toHaveLength(7);

    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    expect(await storedItems(article)).toEqual(afterCrash);
    expect((await partitionItems('DAY#2026-11-20')).filter((i) => i.articleId === article.id)).toHaveLength(1);
  });

  it('a crash before the transaction reached DynamoDB leaves nothing, and the retry stores everything', async () => {
    const article = freshArticle();
    crashNextTransaction(context.client, 'before');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash before the write');
    expect(await storedItems(article)).toEqual([]);

    await expect(storeAt().putArticle(article)).resolves.toBe('new');
    expect(await storedItems(article)).toHaveLength(7);
  });

  it('when one index write of the group fails, the article is not written either', async () => {
    const article = freshArticle();
    const name = `fail-last-index-${serial}`;
    context.client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { TransactItems?: { Put?: Record<string, unknown> }[] };
        const last = input.TransactItems?.at(-1)?.Put;
        if (last) last.ConditionExpression = 'attribute_exists(pk)'; // the index item is new, so this fails
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      await expect(storeAt().putArticle(article)).rejects.toThrow(/Transaction cancelled/);
    } finally {
      context.client.middlewareStack.remove(name);
    }
    expect(await storedItems(article)).toEqual([]);
  });
});

describe('expired articles', () => {
  const afterExpiry = '2028-01-01T00:00:00.000Z';

  it('are invisible to readers as soon as their TTL passes, before DynamoDB deletes them', async () => {
    const article = freshArticle({ themes: { coca: 5 } });
    await storeAt().putArticle(article);
    const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
    expect((await storeAt().listByTheme('coca', range)).map((l) => l.articleId)).toContain(article.id);

    await expect(storeAt(afterExpiry).getArticle(article.id)).resolves.toBeUndefined();
    expect((await storeAt(afterExpiry).listByTheme('coca', range)).map((l) => l.articleId)).not.toContain(article.id);
  });

  it('are stored again as new when seen again after expiry', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const again = { ...article, firstSeenAt: afterExpiry };
    await expect(storeAt(afterExpiry).putArticle(again)).resolves.toBe('new');
    await expect(storeAt(afterExpiry).getArticle(article.id)).resolves.toEqual(again);
  });
});
