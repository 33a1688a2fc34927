import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Article, ArticleSource } from '../model/article.ts';
import type { ArticleStore, ListingItem, PutOutcome, TimeRange } from './article-store.ts';
import {
  articleItem,
  articleKey,
  dayPartition,
  indexItems,
  themePartition,
  toArticle,
  toListing,
} from './article-items.ts';

export interface DynamoDbArticleStoreOptions {
  tableName: string;
  /** Days after publication an article and its index items expire (TTL). */
  retentionDays: number;
}

/**
 * Articles in DynamoDB. The article and its index items go in one
 * transaction, conditional on the article being new: a crash can't leave an
 * index item pointing at nothing, and a retry writes nothing twice.
 */
export function createDynamoDbArticleStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbArticleStoreOptions,
): ArticleStore {
  const { tableName, retentionDays } = options;

  async function putArticle(article: Article): Promise<PutOutcome> {
    const items = [articleItem(article, retentionDays), ...indexItems(article, retentionDays)];
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: items.map((item, index) => ({
            Put: {
              TableName: tableName,
              Item: item,
              ...(index === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
            },
          })),
        }),
      );
      return 'new';
    } catch (error) {
      if (!isArticleAlreadyStored(error)) throw error;
      return mergeSources(article.id, article.sources);
    }
  }

  async function mergeSources(id: string, sources: ArticleSource[]): Promise<PutOutcome> {
    const stored = await getArticle(id);
    if (!stored) throw new Error(`store: article ${id} vanished while merging its sources`);
    const missing = sources.filter(
      (s) => !stored.sources.some((known) => known.feedId === s.feedId && known.link === s.link),
    );
    if (missing.length === 0) return 'unchanged';
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET sources = list_append(sources, :missing)',
        ExpressionAttributeValues: { ':missing': missing },
      }),
    );
    return 'merged';
  }

  async function getArticle(id: string): Promise<Article | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: articleKey(id) }));
    return Item ? toArticle(Item) : undefined;
  }

  async function listByTheme(theme: string, range: TimeRange): Promise<ListingItem[]> {
    return queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': themePartition(theme), ':from': range.from, ':to': `${range.to}` },
      ScanIndexForward: false,
    }).then((items) => items.filter((item) => item.publishedAt < range.to));
  }

  async function listByDay(day: string): Promise<ListingItem[]> {
    return queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': dayPartition(day) },
      ScanIndexForward: false,
    });
  }

  async function queryAll(input: QueryCommandInput): Promise<ListingItem[]> {
    const listings: ListingItem[] = [];
    let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
      listings.push(...(page.Items ?? []).map(toListing));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return listings;
  }

  return { putArticle, getArticle, listByTheme, listByDay };
}

function isArticleAlreadyStored(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
  );
}
