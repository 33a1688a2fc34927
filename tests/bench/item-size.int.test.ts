import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { articleItem, indexItems } from '../../lambdas/store/article-items.ts';
import { insertedItem, itemBytes, itemWriteUnits } from '../../bench/item-size.ts';
import { insertStatement } from '../../lambdas/store/batch-insert.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { makeArticle } from '../store/make-article.ts';

let context: StoreContext;
beforeAll(async () => {
  context = await createTestStores();
});
afterAll(() => context.close());

describe('itemWriteUnits (the bench counts BatchExecuteStatement writes with it)', () => {
  it("agrees with the capacity DynamoDB Local reports for a PutItem of the same item, across the 1 KB steps", async () => {
    const article = makeArticle({ publishedAt: '2026-11-20T14:30:00.000Z', themes: { extortion: 7.5, prisons: 2 }, regions: ['lima'] });
    const items = [
      articleItem(article, 400),
      ...indexItems(article, 400),
      { ...articleItem(article, 400), body: undefined, summary: 'ñandú '.repeat(150), text: 'x'.repeat(3000), score: -12.5, ok: true, none: null },
      ...[1000, 1010, 1020, 1030, 2040, 2060].map((n) => ({ pk: `SIZE#${n}`, sk: 'S', pad: 'a'.repeat(n), numbers: [1, 22, 333, 0.5, -7, 123456789012345, 1.25e-7], tags: new Set(['a', 'bb']) })),
    ];
    for (const item of items) {
      const wire = marshall(item, { removeUndefinedValues: true });
      const { ConsumedCapacity } = await context.client.send(new PutItemCommand({ TableName: context.tableNames.articles, Item: wire, ReturnConsumedCapacity: 'TOTAL' }));
      expect(itemWriteUnits(wire), `${String(item.pk)} of ${itemBytes(wire)} bytes`).toBe(ConsumedCapacity?.CapacityUnits);
    }
  });

  it('rebuilds the item an INSERT statement writes from its parameters', () => {
    const item = articleItem(makeArticle({ publishedAt: '2026-11-20T14:30:00.000Z' }), 400);
    const { Statement, Parameters } = insertStatement('t', item);
    expect(insertedItem(Statement, Parameters.map((p) => marshall({ v: p }).v!))).toEqual(marshall(item));
  });
});
