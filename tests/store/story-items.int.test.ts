/**
 * The story lookup item (store/story-items.ts) on DynamoDB Local: what it
 * costs a new article, and that looking keys up rides on the poll's one batch
 * read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { storyItemKey } from '../../lambdas/store/story-items.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';
import { freshArticle, NOW, partitionItems, RETENTION_DAYS } from './article-table.ts';

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
});
afterAll(() => context.close());

/** A store at NOW that adds up the write capacity DynamoDB reports. */
function measuredStore() {
  const written = { units: 0 };
  const store = createDynamoDbArticleStore(context.doc, {
    tableName: context.tableNames.articles,
    retentionDays: RETENTION_DAYS,
    clock: fixedClock(NOW),
    onConsumedCapacity: (operation, units) => {
      if (operation !== 'BatchGetItem') written.units += units;
    },
  });
  return { store, written };
}

describe('story items', () => {
  it('cost a new article with a story key exactly 1 WCU more, written in the index batch', async () => {
    const plain = measuredStore();
    await plain.store.putArticle(freshArticle());
    const keyed = measuredStore();
    const article = { ...freshArticle(), storyKey: `noticias.example.pe|extorsionadores detenidos en trujillo ${Math.random()}` };
    const recorder = recordCommands(context.client);
    await keyed.store.putArticle(article);
    recorder.stop();
    expect(keyed.written.units - plain.written.units).toBe(1);
    expect(recorder.operations()).toEqual(['BatchGetItem', 'PutItem', 'BatchExecuteStatement', 'BatchWriteItem', 'DeleteItem']);
    expect(await partitionItems(context, storyItemKey(article.storyKey).pk)).toEqual([
      expect.objectContaining({ sk: 'STORY', type: 'story', storyOf: article.id, publishedAt: article.publishedAt, expiresAt: expect.any(Number) }),
    ]);
  });

  it('are looked up in the same batch read as the articles: 50 items and their 50 keys are one request', async () => {
    const { store } = measuredStore();
    const articles = Array.from({ length: 50 }, (_, i) => ({ ...freshArticle(), storyKey: `noticias.example.pe|nota numero ${i} de la serie ${Math.random()}` }));
    await store.putArticles(articles);
    const recorder = recordCommands(context.client);
    const found = await store.findStored(articles.map((a) => a.id), articles.map((a) => a.storyKey));
    recorder.stop();
    expect(recorder.operations()).toEqual(['BatchGetItem', 'BatchGetItem']); // articles and keys; then their pending writes (gone)
    expect(found.size).toBe(50);
    expect([...found.stories.values()].map((ref) => ref.articleId).sort()).toEqual(articles.map((a) => a.id).sort());
  });

  it('lead, from another feed’s copy, to an article outside the ids asked for: read once more, only then', async () => {
    const { store } = measuredStore();
    const outlet = { ...freshArticle(), storyKey: `noticias.example.pe|capturan a cabecilla ${Math.random()}` };
    await store.putArticle(outlet);
    const recorder = recordCommands(context.client);
    const found = await store.findStored(['0'.repeat(32)], [outlet.storyKey]);
    recorder.stop();
    expect(found.stories.get(outlet.storyKey)).toEqual({ articleId: outlet.id, publishedAt: outlet.publishedAt });
    expect(found.get(outlet.id)?.sources).toEqual(outlet.sources);
    expect(recorder.operations()).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem']);
  });
});
