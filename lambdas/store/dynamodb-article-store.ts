/**
 * Articles in DynamoDB.
 *
 * Writing (putArticle):
 *  1. read the article (one eventually consistent GetItem): most items a feed
 *     returns are already stored, and a read costs far less than a cancelled
 *     transaction of the article and all its index items;
 *  2. if it is absent, one TransactWriteItems: the article plus all its index
 *     items, conditional on the article being absent (or expired): all or
 *     nothing, so no index item can ever point at an article readers can't see;
 *  3. if it is there already, merge: append the sources it lacks in a second
 *     transaction, conditional on the source list being the one read
 *     (optimistic locking), together with a FEED# index item for each new
 *     feed; index items for themes, regions and day are not touched;
 *  4. a conflicting concurrent writer makes the attempt start again, reading
 *     strongly consistently.
 * A retry after a crash finds the article stored and ends as 'unchanged'.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Article } from '../model/article.ts';
import type { Clock } from '../model/clock.ts';
import { limaDayStart, nextDay } from '../model/lima-time.ts';
import type { ArticleBrowser, ArticleStore, PutOutcome } from './article-store.ts';
import { articleItem, articleKey, feedIdsOf, feedIndexItem, indexItems, toArticle } from './article-items.ts';
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

/** DynamoDB allows at most 100 actions in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_ATTEMPTS = 5;
const ABSENT_OR_EXPIRED = 'attribute_not_exists(pk) OR #expiresAt <= :now';
const SAME_SOURCES = 'size(sources) = :known';

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

  async function putArticle(article: Article): Promise<PutOutcome> {
    let stored = await readStored(article.id, false);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const outcome: Attempt = stored ? await mergeSources(article, stored) : await insert(article);
      if (outcome === 'new' || outcome === 'merged' || outcome === 'unchanged') return outcome;
      if (outcome === 'retry') await pause(attempt);
      stored = await readStored(article.id, true);
    }
    throw new StoreError(`gave up storing article ${article.id} after ${MAX_ATTEMPTS} attempts: other writers kept changing it`);
  }

  async function insert(article: Article): Promise<Attempt> {
    const [record, ...index] = [articleItem(article, retentionDays), ...indexItems(article, retentionDays)];
    if (index.length + 1 > MAX_TRANSACTION_ITEMS) {
      throw new StoreError(`article ${article.id} needs ${index.length + 1} items, more than one transaction holds`);
    }
    return transact({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: record,
            ConditionExpression: ABSENT_OR_EXPIRED,
            ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':now': nowSeconds() },
          },
        },
        ...index.map((item) => ({ Put: { TableName: tableName, Item: item } })),
      ],
    }).then((done) => (done === 'done' ? 'new' : done === 'condition' ? 'exists' : 'retry'));
  }

  /** The stored article if readers can see it; expired or absent ones are inserted afresh. */
  async function readStored(id: string, consistent: boolean): Promise<Article | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(id), ConsistentRead: consistent }));
    return Item && isVisible(Item) ? toArticle(Item) : undefined;
  }

  async function mergeSources(article: Article, stored: Article): Promise<Attempt> {
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
        ...newFeeds.map((feedId) => ({ Put: { TableName: tableName, Item: feedIndexItem(stored, feedId, retentionDays) } })),
      ],
    });
    return done === 'done' ? 'merged' : 'retry';
  }

  /** 'condition': the first action's condition failed; 'conflict': another transaction was in the way. */
  async function transact(input: TransactWriteCommandInput): Promise<'done' | 'condition' | 'conflict'> {
    try {
      const result = await client.send(
        new TransactWriteCommand(onConsumedCapacity ? { ...input, ReturnConsumedCapacity: 'TOTAL' } : input),
      );
      onConsumedCapacity?.('TransactWriteItems', sumCapacity(result.ConsumedCapacity));
      return 'done';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = error.CancellationReasons?.map((r) => r.Code) ?? [];
      if (codes[0] === 'ConditionalCheckFailed') return 'condition';
      if (codes.includes('TransactionConflict')) return 'conflict';
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
      let keys: Record<string, unknown>[] | undefined = wanted.slice(start, start + 100).map(articleKey);
      for (let attempt = 1; keys && keys.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS) throw new StoreError(`DynamoDB kept ${keys.length} article reads unprocessed; try again later`);
        if (attempt > 1) await pause(attempt);
        const result: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
        for (const item of result.Responses?.[tableName] ?? []) {
          if (isVisible(item)) found.set(String(item.id), toArticle(item));
        }
        keys = result.UnprocessedKeys?.[tableName]?.Keys;
      }
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

function sumCapacity(consumed: { CapacityUnits?: number }[] | undefined): number {
  return (consumed ?? []).reduce((total, c) => total + (c.CapacityUnits ?? 0), 0);
}

/** Backoff with jitter between attempts: 20 ms, 40 ms, 80 ms… */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));
}
