/**
 * Articles in DynamoDB.
 *
 * Writing (putArticle):
 *  1. read the article (one eventually consistent GetItem): most items a feed
 *     returns are already stored, and a read costs far less than a write;
 *  2. if it is absent (or expired), insert it:
 *     a. one conditional PutItem of the article (absent or expired), marked
 *        `indexPending` with a token naming this write;
 *     b. its theme, region, day and feed index items in BatchWriteItem
 *        requests (plain puts: their keys and content follow from the stored
 *        article, so writing them twice is harmless);
 *     c. one UpdateItem removing the marker, conditional on the token;
 *     index items are written only once the article exists, so none can point
 *     at an article readers can't see;
 *  3. if it is there already, first finish a write that stopped after 2a
 *     (marker still set: steps 2b and 2c from the stored article), then merge:
 *     append the sources it lacks in a transaction, conditional on the source
 *     list being the one read (optimistic locking), together with a FEED#
 *     index item for each new feed; index items for themes, regions and day
 *     are not touched;
 *  4. a conflicting concurrent writer makes the attempt start again, reading
 *     strongly consistently.
 * A retry after a crash finds the article stored: after 2a it completes the
 * index and ends as 'unchanged'; after 2c it just ends as 'unchanged'.
 * Index items expire with the article's stored `expiresAt`, never later.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Article } from '../model/article.ts';
import type { Clock } from '../model/clock.ts';
import { limaDayStart, nextDay } from '../model/lima-time.ts';
import type { ArticleBrowser, ArticleStore, PutOutcome } from './article-store.ts';
import { articleItem, articleKey, feedIdsOf, feedIndexItem, INDEX_PENDING, indexItemsExpiring, toArticle, type Item } from './article-items.ts';
import { batchPutItems } from './batch-put.ts';
import { MAX_ATTEMPTS, pause, sendUntilProcessed } from './retry-unprocessed.ts';
import { listAll, listPage, type ListingReader } from './dynamodb-listings.ts';
import { StoreError } from './errors.ts';

export interface DynamoDbArticleStoreOptions {
  tableName: string;
  /** Days after first being seen that an article and its index items expire (TTL). */
  retentionDays: number;
  /** What "now" is for expiry; the system clock by default. */
  clock?: Clock;
  /** Called with the capacity each read or write consumed (asks DynamoDB to report it). */
  onConsumedCapacity?: (operation: string, units: number) => void;
}

const ABSENT_OR_EXPIRED = 'attribute_not_exists(pk) OR #expiresAt <= :now';
const SAME_WRITE_PENDING = '#pending = :token';
const REMOVE_MARKER = 'REMOVE #pending';
const SAME_SOURCES = 'size(sources) = :known';

/** An article as stored: when it expires, and the token of its unfinished write if its index may be incomplete. */
interface Stored {
  article: Article;
  expiresAt: number;
  pending?: string;
}

type Attempt = PutOutcome | 'exists' | 'retry';

export function createDynamoDbArticleStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbArticleStoreOptions,
): ArticleStore & ArticleBrowser {
  const { tableName, retentionDays, onConsumedCapacity } = options;
  const now = () => (options.clock ?? { now: () => new Date() }).now();
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const reader: ListingReader = { client, tableName, now, onConsumedCapacity };
  const isVisible = (item: Record<string, unknown>) => typeof item.expiresAt !== 'number' || item.expiresAt > nowSeconds();
  const capacity = onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {};
  const report = (operation: string, consumed: { CapacityUnits?: number } | undefined) =>
    onConsumedCapacity?.(operation, consumed?.CapacityUnits ?? 0);

  async function putArticle(article: Article): Promise<PutOutcome> {
    let stored = await readStored(article.id, false);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (stored?.pending) await finishIndex(stored);
      const outcome: Attempt = stored ? await mergeSources(article, stored) : await insert(article);
      if (outcome === 'new' || outcome === 'merged' || outcome === 'unchanged') return outcome;
      if (outcome === 'retry') await pause(attempt);
      stored = await readStored(article.id, true);
    }
    throw new StoreError('contention', `gave up storing article ${article.id} after ${MAX_ATTEMPTS} attempts: other writers kept changing it`);
  }

  async function insert(article: Article): Promise<Attempt> {
    const token = randomUUID();
    const record: Item = { ...articleItem(article, retentionDays), [INDEX_PENDING]: token };
    try {
      const result = await client.send(
        new PutCommand({
          TableName: tableName,
          Item: record,
          ConditionExpression: ABSENT_OR_EXPIRED,
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': nowSeconds() },
          ...capacity,
        }),
      );
      report('PutItem', result.ConsumedCapacity);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
    await finishIndex({ article, expiresAt: Number(record.expiresAt), pending: token });
    return 'new';
  }

  /**
   * Steps 2b and 2c. If the marker is no longer this write's, another writer
   * finished it, or the article expired and was stored afresh meanwhile; then
   * the items just written (already expired with the old article) may have
   * overwritten the new article's, so those are written again.
   */
  async function finishIndex(stored: Stored): Promise<void> {
    await batchPutItems(client, tableName, indexItemsExpiring(stored.article, stored.expiresAt), onConsumedCapacity);
    try {
      const result = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: articleKey(stored.article.id),
          UpdateExpression: REMOVE_MARKER,
          ConditionExpression: SAME_WRITE_PENDING,
          ExpressionAttributeNames: { '#pending': INDEX_PENDING },
          ExpressionAttributeValues: { ':token': stored.pending },
          ...capacity,
        }),
      );
      report('UpdateItem', result.ConsumedCapacity);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await readStored(stored.article.id, true);
      if (current && current.expiresAt !== stored.expiresAt) {
        await batchPutItems(client, tableName, indexItemsExpiring(current.article, current.expiresAt), onConsumedCapacity);
      }
    }
  }

  /** The stored article if readers can see it; expired or absent ones are inserted afresh. */
  async function readStored(id: string, consistent: boolean): Promise<Stored | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(id), ConsistentRead: consistent }));
    if (!Item || !isVisible(Item)) return undefined;
    const pending = Item[INDEX_PENDING];
    return { article: toArticle(Item), expiresAt: Number(Item.expiresAt), pending: typeof pending === 'string' ? pending : undefined };
  }

  async function mergeSources(article: Article, { article: stored, expiresAt }: Stored): Promise<Attempt> {
    const known = (s: Article['sources'][number]) => stored.sources.some((k) => k.feedId === s.feedId && k.link === s.link);
    const missing = article.sources.filter((s) => !known(s));
    if (missing.length === 0) return 'unchanged';
    const storedFeeds = new Set(feedIdsOf(stored));
    const newFeeds = [...new Set(missing.map((s) => s.feedId))].filter((feedId) => !storedFeeds.has(feedId));
    const done = await transact({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: articleKey(article.id),
            UpdateExpression: 'SET sources = list_append(sources, :missing)',
            ConditionExpression: SAME_SOURCES,
            ExpressionAttributeValues: { ':missing': missing, ':known': stored.sources.length },
          },
        },
        ...newFeeds.map((feedId) => ({ Put: { TableName: tableName, Item: feedIndexItem(stored, feedId, expiresAt) } })),
      ],
    });
    return done ? 'merged' : 'retry';
  }

  /** False when the transaction was cancelled by its condition or by another writer in the way. */
  async function transact(input: TransactWriteCommandInput): Promise<boolean> {
    try {
      const result = await client.send(new TransactWriteCommand({ ...input, ...capacity }));
      onConsumedCapacity?.('TransactWriteItems', (result.ConsumedCapacity ?? []).reduce((t, c) => t + (c.CapacityUnits ?? 0), 0));
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = error.CancellationReasons?.map((r) => r.Code) ?? [];
      if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) return false;
      throw error;
    }
  }

  async function getArticle(id: string): Promise<Article | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(id) }));
    return Item && isVisible(Item) ? toArticle(Item) : undefined;
  }

  async function getArticles(ids: string[]): Promise<Article[]> {
    const found = new Map<string, Article>();
    const wanted = [...new Set(ids)];
    for (let start = 0; start < wanted.length; start += 100) {
      await sendUntilProcessed<Record<string, unknown>>(
        wanted.slice(start, start + 100).map(articleKey),
        async (keys) => {
          const result: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
          for (const item of result.Responses?.[tableName] ?? []) {
            if (isVisible(item)) found.set(String(item.id), toArticle(item));
          }
          return result.UnprocessedKeys?.[tableName]?.Keys ?? [];
        },
        (left) => `DynamoDB kept ${left} article reads unprocessed; try again later`,
      );
    }
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }

  return {
    putArticle,
    getArticle,
    getArticles,
    listPage: (source, range, page) => listPage(reader, source, range, page),
    listByTheme: (theme, range) => listAll(reader, { by: 'theme', theme }, range),
    listByRegion: (region, range) => listAll(reader, { by: 'region', region }, range),
    listByDay: (day) =>
      listAll(reader, { by: 'day' }, { from: limaDayStart(day).toISOString(), to: limaDayStart(nextDay(day)).toISOString() }),
  };
}
