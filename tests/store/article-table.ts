/** Helpers for putArticle tests: a store at a fixed time, fresh articles, and the raw items as stored. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { articleKey, indexItems } from '../../lambdas/store/article-items.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { makeArticle } from './make-article.ts';

export const NOW = '2026-11-22T17:00:00.000Z';
export const RETENTION_DAYS = 400;

export function storeAt(context: StoreContext, now = NOW, retentionDays = RETENTION_DAYS) {
  return createDynamoDbArticleStore(context.doc, { tableName: context.tableNames.articles, retentionDays, clock: fixedClock(now) });
}

let serial = 0;
export function freshArticle(overrides: Partial<Parameters<typeof makeArticle>[0]> = {}): Article {
  serial++;
  return makeArticle({
    url: `https://noticias.example.pe/put/${serial}-${Math.random().toString(36).slice(2)}`,
    title: `Extorsionadores detenidos en Trujillo (${serial})`,
    publishedAt: '2026-11-20T14:30:00.000Z',
    firstSeenAt: '2026-11-20T15:00:00.000Z',
    themes: { extortion: 7.5, corruption: 3 },
    regions: ['la-libertad', 'trujillo'],
    ...overrides,
  });
}

/** Every item of an article as stored: the record and each index item, read by key (absent ones left out). */
export async function storedItems(context: StoreContext, article: Article): Promise<Record<string, unknown>[]> {
  const keys = [articleKey(article.id), ...indexItems(article, RETENTION_DAYS).map(({ pk, sk }) => ({ pk, sk }))];
  const items = [];
  for (const Key of keys) {
    const { Item } = await context.doc.send(new GetCommand({ TableName: context.tableNames.articles, Key, ConsistentRead: true }));
    if (Item) items.push(Item);
  }
  return items;
}

/** Every item of one partition, expired or not. */
export async function partitionItems(context: StoreContext, pk: string): Promise<Record<string, unknown>[]> {
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

/** The items of one partition that point at `articleId`. */
export async function itemsFor(context: StoreContext, pk: string, articleId: string): Promise<Record<string, unknown>[]> {
  return (await partitionItems(context, pk)).filter((i) => i.articleId === articleId);
}

type Operation = 'PutItem' | 'BatchExecuteStatement' | 'BatchWriteItem' | 'UpdateItem' | 'DeleteItem';

/** Picks the command among several of one operation, by its input (e.g. the put of the article, not of the pending-write item). */
type Which = (input: Record<string, unknown>) => boolean;

/** The conditional PutItem of an article (not the pending-write item's put): how an expired article is stored again. */
export const articlePut: Which = (input) => {
  // The input is marshalled or not depending on where the document client's own middleware sits: accept both.
  const pk = (input.Item as { pk?: string | { S?: string } } | undefined)?.pk;
  return String(typeof pk === 'object' ? pk.S : pk).startsWith('ARTICLE#');
};

/**
 * Makes the next `operation` fail: before it reaches DynamoDB, or after
 * DynamoDB applied it (the reply is lost) — what a crash or a timeout leaves.
 */
export function crashNext(client: DynamoDBClient, operation: Operation, when: 'before' | 'after', which: Which = () => true): void {
  const name = `crash-${operation}-${when}-${++serial}`;
  client.middlewareStack.add(
    (next, handlerContext) => async (args) => {
      if (handlerContext.commandName !== `${operation}Command` || !which(args.input as Record<string, unknown>)) return next(args);
      client.middlewareStack.remove(name);
      if (when === 'before') throw new Error(`simulated crash before ${operation}`);
      await next(args);
      throw new Error(`simulated crash after ${operation}`);
    },
    { step: 'initialize', name },
  );
}

/** Runs `meanwhile` just before the next `operation` is sent, then lets it go on. */
export function beforeNext(client: DynamoDBClient, operation: Operation, meanwhile: () => Promise<unknown>, which: Which = () => true): void {
  const name = `before-${operation}-${++serial}`;
  client.middlewareStack.add(
    (next, handlerContext) => async (args) => {
      if (handlerContext.commandName !== `${operation}Command` || !which(args.input as Record<string, unknown>)) return next(args);
      client.middlewareStack.remove(name);
      await meanwhile();
      return next(args);
    },
    { step: 'initialize', name },
  );
}

/** The pending-write items left in the table for `article` (its write has not finished, or nobody completed it yet). */
export async function pendingWritesOf(context: StoreContext, article: Article): Promise<Record<string, unknown>[]> {
  const { Item } = await context.doc.send(new GetCommand({ TableName: context.tableNames.articles, Key: articleKey(article.id), ConsistentRead: true }));
  if (typeof Item?.writeId !== 'string') return [];
  const pending = await context.doc.send(
    new GetCommand({ TableName: context.tableNames.articles, Key: { pk: `WRITE#${Item.writeId}`, sk: 'PENDING' }, ConsistentRead: true }),
  );
  return pending.Item ? [pending.Item] : [];
}
