import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { MAX_STORED_TEXT } from '../../lambdas/store/article-items.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { beforeNext, freshArticle, itemsFor, NOW, partitionItems as partitionOf, storeAt as storeOn, storedItems as itemsOf } from './article-table.ts';

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
});
afterAll(() => context.close());

const storeAt = (now = NOW, retentionDays?: number) => storeOn(context, now, retentionDays);
const storedItems = (article: Article) => itemsOf(context, article);
const partitionItems = (pk: string) => partitionOf(context, pk);

describe('putArticle on DynamoDB Local', () => {
  it('writes a pending write, the article (a PartiQL INSERT: put if absent), its index items in one batch, then deletes the pending write', async () => {
    const article = freshArticle();
    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticle(article)).resolves.toBe('new');
    recorder.stop();

    expect(recorder.operations()).toEqual(['BatchGetItem', 'PutItem', 'BatchExecuteStatement', 'BatchWriteItem', 'DeleteItem']);
    const [probe, pending, insert, batch, done] = recorder.commands;
    expect(Object.values(probe!.input.RequestItems as Record<string, { ProjectionExpression: string }>)[0]!.ProjectionExpression).toBe('#a0, #a1, #a2, #a3, #a4');
    // As sent on the wire (marshalled).
    const [statement] = insert!.input.Statements as { Statement: string; Parameters: Record<string, unknown>[] }[];
    expect(statement!.Statement).toMatch(new RegExp(`^INSERT INTO "${context.tableNames.articles}" VALUE \\{'pk': \\?, 'sk': \\?, `));
    const names = [...statement!.Statement.matchAll(/'(\w+)': \?/g)].map((m) => m[1]!);
    const item = Object.fromEntries(names.map((name, i) => [name, statement!.Parameters[i]]));
    expect(item).toMatchObject({ pk: { S: `ARTICLE#${article.id}` }, sk: { S: 'ARTICLE' }, body: { B: expect.any(Uint8Array) } });
    const writeId = (item.writeId as { S: string }).S;
    expect(pending!.input.Item).toMatchObject({ pk: { S: `WRITE#${writeId}` }, sk: { S: 'PENDING' }, articleIds: { L: [{ S: article.id }] } });
    // 2 themes + 2 regions + 1 day; no feed item for the first feed (its day item carries feedId)
    expect(Object.values(batch!.input.RequestItems as Record<string, unknown[]>)[0]).toHaveLength(5);
    expect(done!.input.Key).toEqual({ pk: { S: `WRITE#${writeId}` }, sk: { S: 'PENDING' } });
    const items = await storedItems(article);
    expect(items.map((i) => `${i.pk}`)).toEqual([
      `ARTICLE#${article.id}`,
      'THEME#extortion',
      'THEME#corruption',
      'REGION#la-libertad',
      'REGION#trujillo',
      'DAY#2026-11-20',
    ]);
    expect(await itemsFor(context, 'FEED#larepublica', article.id)).toEqual([]);
    expect(items.at(-1)).toMatchObject({ type: 'day-index', feedId: 'larepublica' });
  });

  it("writes a feed's new articles as one write: one pending write, articles 25 INSERTs to a request, index items 25 to a request", async () => {
    const articles = Array.from({ length: 30 }, () => freshArticle());
    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticles(articles)).resolves.toEqual(Array(30).fill('new'));
    recorder.stop();

    const count = (operation: string) => recorder.operations().filter((o) => o === operation).length;
    expect(count('BatchGetItem')).toBe(1);
    expect(count('PutItem')).toBe(1); // the pending write only
    expect(recorder.commands.filter((c) => c.operation === 'BatchExecuteStatement').map((c) => (c.input.Statements as unknown[]).length)).toEqual([25, 5]);
    // 30 articles × 5 index items = 150 items: 6 × 25
    expect(count('BatchWriteItem')).toBe(6);
    expect(count('DeleteItem')).toBe(1);
    for (const article of articles) expect(await storedItems(article)).toHaveLength(6);
  });

  it('keeps summary, text and themes compressed in one binary attribute, and reads them back as they were', async () => {
    const article = freshArticle({});
    article.text = 'La Policía Nacional capturó a los presuntos extorsionadores en Trujillo. '.repeat(60);
    await storeAt().putArticle(article);
    const [record] = await storedItems(article);
    expect(record).toHaveProperty('body', expect.any(Uint8Array));
    expect(record).not.toHaveProperty('text');
    expect(record).not.toHaveProperty('summary');
    expect(record).not.toHaveProperty('themes');
    expect((record!.body as Uint8Array).byteLength).toBeLessThan(article.text.length / 10);
    await expect(storeAt().getArticle(article.id)).resolves.toEqual(article);
  });

  it('costs two reads and no write when the same article from the same feed comes again', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    recorder.stop();
    // whether it is stored (projected), and whether the write that stored it finished
    expect(recorder.operations()).toEqual(['BatchGetItem', 'BatchGetItem']);
  });

  it('answers for a whole feed with one read per 100 items, reading only what a merge decision needs', async () => {
    const articles = Array.from({ length: 30 }, () => freshArticle());
    await storeAt().putArticles(articles);
    const recorder = recordCommands(context.client);
    const stored = await storeAt().findStored([...articles.map((a) => a.id), 'not-stored'.padEnd(32, '0')]);
    recorder.stop();

    expect([...stored.keys()].sort()).toEqual(articles.map((a) => a.id).sort());
    expect(stored.get(articles[0]!.id)).toEqual({ sources: articles[0]!.sources });
    // the articles (one request), and the one write that stored them (one request)
    expect(recorder.operations()).toEqual(['BatchGetItem', 'BatchGetItem']);
    const names = Object.values(recorder.commands[0]!.input.RequestItems as Record<string, { ExpressionAttributeNames: Record<string, string> }>)[0]!;
    expect(Object.values(names.ExpressionAttributeNames)).toEqual(['id', 'sources', 'expiresAt', 'writeId', 'indexPending']);
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
    expect(items).toHaveLength(6);
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
    expect(after.slice(1)).toEqual(before.slice(1)); // theme, region and day items untouched
    expect(await partitionItems('THEME#prisons')).toEqual([]);
    const [feedItem] = (await partitionItems('FEED#elcomercio')).filter((i) => i.articleId === original.id);
    // the first sighting's listing (feedId larepublica), as on the day item
    expect(feedItem).toEqual({ ...before.at(-1), pk: 'FEED#elcomercio', type: 'feed-index' });
    expect(await itemsFor(context, 'FEED#larepublica', original.id)).toEqual([]);
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
    // a feed item for each feed that merged its source; none for the feed that stored it first
    for (const feedId of feeds) {
      expect(await itemsFor(context, `FEED#${feedId}`, base.id)).toHaveLength(feedId === stored!.feedId ? 0 : 1);
    }
    for (const pk of ['THEME#extortion', 'THEME#corruption', 'REGION#la-libertad', 'REGION#trujillo', 'DAY#2026-11-20']) {
      expect(await itemsFor(context, pk, base.id)).toHaveLength(1);
    }
  });

  it('ends with one article and one set of index items when eight writers store the same new article at once', async () => {
    const article = freshArticle();

    const outcomes = await Promise.all(Array.from({ length: 8 }, () => storeAt().putArticle(article)));

    expect(outcomes.filter((o) => o === 'new')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(7);
    const items = await storedItems(article);
    expect(items).toHaveLength(6);
    for (const pk of items.slice(1).map((i) => String(i.pk))) expect(await itemsFor(context, pk, article.id)).toHaveLength(1);
    await expect(storeAt().getArticle(article.id)).resolves.toEqual(article);
  });

  it('a writer that finds the article still being indexed finishes the index itself, then merges its source', async () => {
    const article = freshArticle();
    const fromElsewhere: Article = {
      ...article,
      feedId: 'elcomercio',
      sources: [{ feedId: 'elcomercio', feedName: 'El Comercio', link: 'https://elcomercio.example.pe/nota' }],
    };
    let second: Promise<unknown> | undefined;
    // The first writer has put the article; before its index batch goes out, a second writer stores the same article.
    beforeNext(context.client, 'BatchWriteItem', () => (second = storeAt().putArticle(fromElsewhere)));

    await expect(storeAt().putArticle(article)).resolves.toBe('new');
    await expect(second).resolves.toBe('merged');

    const items = await storedItems(article);
    expect(items).toHaveLength(6);
    expect((await storeAt().getArticle(article.id))?.sources.map((s) => s.feedId)).toEqual(['larepublica', 'elcomercio']);
    for (const pk of [...items.slice(1).map((i) => String(i.pk)), 'FEED#elcomercio']) {
      expect(await itemsFor(context, pk, article.id)).toHaveLength(1);
    }
  });
});

