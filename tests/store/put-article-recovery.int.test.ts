import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleItem } from '../../lambdas/store/article-items.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import {
  articlePut,
  beforeNext,
  crashNext,
  freshArticle,
  itemsFor,
  NOW,
  pendingWritesOf,
  RETENTION_DAYS,
  storeAt as storeOn,
  storedItems as itemsOf,
} from './article-table.ts';

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
});
afterAll(() => context.close());

const storeAt = (now = NOW, retentionDays = RETENTION_DAYS) => storeOn(context, now, retentionDays);
const storedItems = (article: Article) => itemsOf(context, article);
const DAY = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Every listing of the article's day, theme and region partitions that readers see at `now` names an article they can read, as listed. */
async function expectListingsResolve(now: string, article: Article): Promise<void> {
  const store = storeAt(now);
  const listings = [
    ...(await store.listByDay('2026-11-20')),
    ...(await store.listByDay('2028-01-01')),
    ...(await store.listByTheme('extortion', DAY)),
    ...(await store.listByTheme('coca', { from: '2026-01-01T00:00:00.000Z', to: '2029-01-01T00:00:00.000Z' })),
    ...(await store.listByRegion('trujillo', DAY)),
  ].filter((l) => l.articleId === article.id);
  for (const listing of listings) {
    const stored = await store.getArticle(listing.articleId);
    expect(stored, `listing in ${listing.publishedAt}`).toBeDefined();
    expect(stored?.publishedAt).toBe(listing.publishedAt);
  }
}

describe('putArticle when a write is interrupted', () => {
  it('a crash before the article insert reached DynamoDB leaves nothing, and the retry stores everything', async () => {
    const article = freshArticle();
    crashNext(context.client, 'BatchExecuteStatement', 'before');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash before BatchExecuteStatement');
    expect(await storedItems(article)).toEqual([]);

    await expect(storeAt().putArticle(article)).resolves.toBe('new');
    expect(await storedItems(article)).toHaveLength(6);
  });

  it('a crash after the article insert (step 2b) leaves an article listed nowhere and its pending write; the retry writes the index', async () => {
    const article = freshArticle();
    crashNext(context.client, 'BatchExecuteStatement', 'after');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash after BatchExecuteStatement');

    const [record, ...index] = await storedItems(article);
    expect(index).toEqual([]);
    expect(record).toHaveProperty('writeId');
    expect(await pendingWritesOf(context, article)).toEqual([expect.objectContaining({ articleIds: [article.id], type: 'pending-write' })]);
    expect((await storeAt().listByDay('2026-11-20')).map((l) => l.articleId)).not.toContain(article.id);

    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    recorder.stop();
    // probe, pending-write check, the stored article, its index, and a last look that it was not replaced meanwhile
    expect(recorder.operations()).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem', 'BatchWriteItem', 'BatchGetItem']);
    expect(await storedItems(article)).toHaveLength(6);
    expect((await storeAt().listByDay('2026-11-20')).map((l) => l.articleId)).toContain(article.id);
    await expect(storeAt().getArticle(article.id)).resolves.toEqual(article);
  });

  it("an article batch applied twice (the SDK sent it again after losing the first answer) still counts as this write's, indexed and finished", async () => {
    const articles = [freshArticle(), freshArticle()];
    const name = 'send-inserts-twice';
    context.client.middlewareStack.add(
      (next, handlerContext) => async (args) => {
        if (handlerContext.commandName !== 'BatchExecuteStatementCommand') return next(args);
        context.client.middlewareStack.remove(name);
        await next(args); // applied; its answer lost
        return next(args); // the retry: every INSERT answers DuplicateItem
      },
      { step: 'initialize', name },
    );
    await expect(storeAt().putArticles(articles)).resolves.toEqual(['new', 'new']);
    for (const article of articles) {
      expect(await storedItems(article)).toHaveLength(6);
      expect(await pendingWritesOf(context, article)).toEqual([]);
    }
  });

  it('a crash after the index batch (step 2c) leaves every item once; the retry writes the same index items again', async () => {
    const article = freshArticle();
    crashNext(context.client, 'BatchWriteItem', 'after');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash after BatchWriteItem');
    const afterCrash = await storedItems(article);
    expect(afterCrash).toHaveLength(6);
    expect(await pendingWritesOf(context, article)).toHaveLength(1);

    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    const items = await storedItems(article);
    expect(items).toEqual(afterCrash);
    expect(await itemsFor(context, 'DAY#2026-11-20', article.id)).toHaveLength(1);
  });

  it('a crash after the pending write was deleted (step 2d) leaves a finished article; the retry costs two reads', async () => {
    const article = freshArticle();
    crashNext(context.client, 'DeleteItem', 'after');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash after DeleteItem');
    expect(await pendingWritesOf(context, article)).toEqual([]);

    const recorder = recordCommands(context.client);
    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    recorder.stop();
    expect(recorder.operations()).toEqual(['BatchGetItem', 'BatchGetItem']);
    expect(await storedItems(article)).toHaveLength(6);
  });

  it('a pending write older than 15 minutes has lost its writer: the next poll completes every article it lists and deletes it', async () => {
    const [seen, other] = [freshArticle(), freshArticle()];
    crashNext(context.client, 'BatchWriteItem', 'before');
    const writer = storeAt();
    await expect(writer.putArticles([seen, other])).rejects.toThrow('simulated crash before BatchWriteItem');
    expect(await storedItems(other)).toHaveLength(1);

    // Only `seen` comes again, 16 minutes later; `other` is completed too, as its write's last survivor.
    const later = new Date(Date.parse(NOW) + 16 * 60_000).toISOString();
    await expect(storeAt(later).putArticles([seen])).resolves.toEqual(['unchanged']);
    expect(await storedItems(seen)).toHaveLength(6);
    expect(await storedItems(other)).toHaveLength(6);
    expect(await pendingWritesOf(context, seen)).toEqual([]);
  });

  it('findStored names, as `repaired`, the articles whose interrupted write it completed, and only while there is one to complete', async () => {
    const [seen, other] = [freshArticle(), freshArticle()];
    crashNext(context.client, 'BatchWriteItem', 'before');
    await expect(storeAt().putArticles([seen, other])).rejects.toThrow('simulated crash before BatchWriteItem');

    const soon = await storeAt().findStored([seen.id]);
    expect([...soon.repaired]).toEqual([seen.id]); // the write may still be running: only what was asked
    const later = new Date(Date.parse(NOW) + 16 * 60_000).toISOString();
    const abandoned = await storeAt(later).findStored([seen.id]);
    expect([...abandoned.repaired].sort()).toEqual([seen.id, other.id].sort()); // lost its writer: all of it
    expect((await storeAt(later).findStored([seen.id, other.id])).repaired.size).toBe(0);
  });

  it('retries index writes DynamoDB leaves unprocessed', async () => {
    const article = freshArticle();
    const name = 'process-one-index-write';
    let batches = 0;
    context.client.middlewareStack.add(
      (next, handlerContext) => async (args) => {
        if (handlerContext.commandName !== 'BatchWriteItemCommand') return next(args);
        if (++batches > 1) return next(args);
        // As a throttled table does: apply the first request, hand the rest back.
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        const [table, requests] = Object.entries(input.RequestItems)[0]!;
        const result = await next({ ...args, input: { ...input, RequestItems: { [table]: requests.slice(0, 1) } } });
        return { ...result, output: { ...result.output, UnprocessedItems: { [table]: requests.slice(1) } } as typeof result.output };
      },
      { step: 'initialize', name },
    );
    try {
      await expect(storeAt().putArticle(article)).resolves.toBe('new');
    } finally {
      context.client.middlewareStack.remove(name);
    }
    expect(batches).toBe(2);
    expect(await storedItems(article)).toHaveLength(6);
    expect(await pendingWritesOf(context, article)).toEqual([]);
  });

  it('when index writes stay unprocessed it gives up with the write still pending, and the next put completes it', async () => {
    const article = freshArticle();
    const name = 'process-no-index-write';
    context.client.middlewareStack.add(
      (next, handlerContext) => async (args) => {
        if (handlerContext.commandName !== 'BatchWriteItemCommand') return next(args);
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        return { response: {}, output: { UnprocessedItems: input.RequestItems, $metadata: {} } };
      },
      { step: 'initialize', name },
    );
    try {
      await expect(storeAt().putArticle(article)).rejects.toThrow(/store: DynamoDB kept 5 writes unprocessed after 5 attempts/);
    } finally {
      context.client.middlewareStack.remove(name);
    }
    const [, ...index] = await storedItems(article);
    expect(index).toEqual([]);
    expect(await pendingWritesOf(context, article)).toHaveLength(1);

    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');
    expect(await storedItems(article)).toHaveLength(6);
  });

  it('index items written by a retry expire with the stored article, whatever retention the retrying writer has', async () => {
    const article = freshArticle();
    crashNext(context.client, 'BatchExecuteStatement', 'after');
    await expect(storeAt(NOW, 30).putArticle(article)).rejects.toThrow('simulated crash after BatchExecuteStatement');
    await storeAt(NOW, 4000).putArticle(article);
    await storeAt(NOW, 4000).putArticle({ ...article, feedId: 'rpp', sources: [{ feedId: 'rpp', feedName: 'RPP', link: 'https://rpp.example.pe/n' }] });

    const expected = seconds('2026-11-20T15:00:00.000Z') + 30 * 86_400;
    const items = await storedItems(article);
    expect(items).toHaveLength(6);
    for (const item of [...items, ...(await itemsFor(context, 'FEED#rpp', article.id))]) expect(item.expiresAt).toBe(expected);
  });
});

describe('articles the previous write protocol left marked', () => {
  it('an article carrying indexPending (a crash of the old protocol) gets its index and loses the mark on the next put', async () => {
    const article = freshArticle();
    const record = { ...articleItem(article, RETENTION_DAYS), indexPending: 'old-token' };
    await context.doc.send(new PutCommand({ TableName: context.tableNames.articles, Item: record }));

    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');

    const [stored, ...index] = await storedItems(article);
    expect(index).toHaveLength(5);
    expect(stored).not.toHaveProperty('indexPending');
    expect((await storeAt().listByDay('2026-11-20')).map((l) => l.articleId)).toContain(article.id);
  });
});

describe('expired articles', () => {
  const afterExpiry = '2028-01-01T00:00:00.000Z';

  it('are invisible to readers as soon as their TTL passes, before DynamoDB deletes them', async () => {
    const article = freshArticle({ themes: { coca: 5 } });
    await storeAt().putArticle(article);
    expect((await storeAt().listByTheme('coca', DAY)).map((l) => l.articleId)).toContain(article.id);

    await expect(storeAt(afterExpiry).getArticle(article.id)).resolves.toBeUndefined();
    expect((await storeAt(afterExpiry).listByTheme('coca', DAY)).map((l) => l.articleId)).not.toContain(article.id);
  });

  it('are stored again as new when seen again after expiry', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const again = { ...article, firstSeenAt: afterExpiry };
    await expect(storeAt(afterExpiry).putArticle(again)).resolves.toBe('new');
    await expect(storeAt(afterExpiry).getArticle(article.id)).resolves.toEqual(again);
  });

  it('stored again leave their old index items invisible, so none points at an article readers cannot see as listed', async () => {
    const article = freshArticle({ themes: { coca: 5 } });
    await storeAt().putArticle(article);
    const again: Article = {
      ...article,
      publishedAt: '2027-12-31T20:00:00.000Z',
      firstSeenAt: afterExpiry,
      themes: [{ theme: 'extortion', score: 6, hits: [] }],
      regions: [],
    };

    await expect(storeAt(afterExpiry).putArticle(again)).resolves.toBe('new');

    // TTL has not deleted the old items yet: they are still in the table, expired.
    const [stale] = await itemsFor(context, 'THEME#coca', article.id);
    expect(stale?.expiresAt).toBeLessThanOrEqual(seconds(afterExpiry));
    const store = storeAt(afterExpiry);
    expect((await store.listByTheme('coca', DAY)).map((l) => l.articleId)).not.toContain(article.id);
    expect((await store.listByDay('2026-11-20')).map((l) => l.articleId)).not.toContain(article.id);
    expect((await store.listByDay('2027-12-31')).map((l) => l.articleId)).toContain(article.id);
    await expect(store.getArticle(article.id)).resolves.toEqual(again);
    await expectListingsResolve(afterExpiry, article);
  });

  it('stored again: a crash after the new put (the conditional PutItem an expired key gets) leaves the old index invisible and the new one unwritten; a retry completes the new one', async () => {
    const article = freshArticle();
    await storeAt().putArticle(article);
    const again = { ...article, firstSeenAt: afterExpiry };
    crashNext(context.client, 'PutItem', 'after', articlePut);
    await expect(storeAt(afterExpiry).putArticle(again)).rejects.toThrow('simulated crash after PutItem');

    expect((await storeAt(afterExpiry).listByDay('2026-11-20')).map((l) => l.articleId)).not.toContain(article.id);
    await expectListingsResolve(afterExpiry, article);

    await expect(storeAt(afterExpiry).putArticle(again)).resolves.toBe('unchanged');
    expect((await storeAt(afterExpiry).listByDay('2026-11-20')).map((l) => l.articleId)).toContain(article.id);
    const [record, ...index] = await storedItems(again);
    expect(index).toHaveLength(5);
    for (const item of index) expect(item.expiresAt).toBe(record!.expiresAt);
  });

  it('stored again while a slow writer still finishes the old index keep the new index in place', async () => {
    const article = freshArticle();
    crashNext(context.client, 'BatchExecuteStatement', 'after');
    await expect(storeAt().putArticle(article)).rejects.toThrow('simulated crash after BatchExecuteStatement');
    const again = { ...article, firstSeenAt: afterExpiry };
    // A slow writer read the old article, its write still pending, before it expired; before its index batch lands,
    // the article expires and is stored again, index and all. Its batch then overwrites the new index items.
    beforeNext(context.client, 'BatchWriteItem', () => storeAt(afterExpiry).putArticle(again));

    await expect(storeAt().putArticle(article)).resolves.toBe('unchanged');

    const newExpiry = seconds(afterExpiry) + RETENTION_DAYS * 86_400;
    const [record, ...index] = await storedItems(again);
    expect(record).toMatchObject({ expiresAt: newExpiry, firstSeenAt: afterExpiry });
    expect(index).toHaveLength(5);
    for (const item of index) expect(item.expiresAt).toBe(newExpiry);
    expect((await storeAt(afterExpiry).listByDay('2026-11-20')).map((l) => l.articleId)).toContain(article.id);
  });
});
