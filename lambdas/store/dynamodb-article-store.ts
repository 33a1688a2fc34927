/**
 * Articles in DynamoDB: the write path (findStored, putArticles, putArticle)
 * is dynamodb-article-writes.ts and its protocol docs/data.md "Write
 * protocol"; reads are GetItem / BatchGetItem by id and Query for listings
 * (dynamodb-listings.ts). Expired articles (TTL passed, not yet deleted) are
 * invisible to every read.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../model/article.ts';
import type { Clock } from '../model/clock.ts';
import { limaDayStart, nextDay } from '../model/lima-time.ts';
import type { ArticleBrowser, ArticleStore, ArticleWriter } from './article-store.ts';
import { articleKey, toArticle } from './article-items.ts';
import { batchGet } from './batch-put.ts';
import { createArticleWriter } from './dynamodb-article-writes.ts';
import { listAll, listPage, type ListingReader } from './dynamodb-listings.ts';

export interface DynamoDbArticleStoreOptions {
  tableName: string;
  /** Days after first being seen that an article and its index items expire (TTL). */
  retentionDays: number;
  /** What "now" is for expiry; the system clock by default. */
  clock?: Clock;
  /** Called with the capacity each read or write consumed (asks DynamoDB to report it). */
  onConsumedCapacity?: (operation: string, units: number) => void;
}

export function createDynamoDbArticleStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbArticleStoreOptions,
): ArticleStore & ArticleBrowser {
  return { ...createDynamoDbArticleWriter(client, options), ...createDynamoDbArticleReader(client, options) };
}

/** The writes of createDynamoDbArticleStore without its reads: the poll function bundles no listing code. */
export function createDynamoDbArticleWriter(client: DynamoDBDocumentClient, options: DynamoDbArticleStoreOptions): ArticleWriter {
  const now = () => (options.clock ?? { now: () => new Date() }).now();
  return createArticleWriter({ client, tableName: options.tableName, retentionDays: options.retentionDays, now, onConsumedCapacity: options.onConsumedCapacity });
}

/** What a reader needs of the store: the reads alone, so a read-only function (web) bundles no write path. */
export type ArticleReader = Omit<ArticleStore, 'findStored' | 'putArticles' | 'putArticle'> & ArticleBrowser;

/** The reads of createDynamoDbArticleStore without its writes; `retentionDays` is not used. */
export function createDynamoDbArticleReader(client: DynamoDBDocumentClient, options: Omit<DynamoDbArticleStoreOptions, 'retentionDays'>): ArticleReader {
  const { tableName, onConsumedCapacity } = options;
  const now = () => (options.clock ?? { now: () => new Date() }).now();
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const reader: ListingReader = { client, tableName, now, onConsumedCapacity };
  const isVisible = (item: Record<string, unknown>) => typeof item.expiresAt !== 'number' || item.expiresAt > nowSeconds();

  async function getArticle(id: string): Promise<Article | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(id) }));
    return Item && isVisible(Item) ? toArticle(Item) : undefined;
  }

  async function getArticles(ids: string[]): Promise<Article[]> {
    const found = new Map<string, Article>();
    for (const item of await batchGet(client, tableName, ids.map(articleKey), { onConsumedCapacity })) {
      if (isVisible(item)) found.set(String(item.id), toArticle(item));
    }
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }

  return {
    getArticle,
    getArticles,
    listPage: (source, range, page) => listPage(reader, source, range, page),
    listByTheme: (theme, range) => listAll(reader, { by: 'theme', theme }, range),
    listByRegion: (region, range) => listAll(reader, { by: 'region', region }, range),
    listByDay: (day) =>
      listAll(reader, { by: 'day' }, { from: limaDayStart(day).toISOString(), to: limaDayStart(nextDay(day)).toISOString() }),
  };
}
