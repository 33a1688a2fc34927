/**
 * The local composition root: DynamoDB Local, its tables (from the schema
 * module), and the same store adapters the Lambdas use.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbFeedStateStore } from '../../lambdas/feeds/state/dynamodb-feed-state-store.ts';
import type { FeedStateStore } from '../../lambdas/feeds/state/feed-state.ts';
import type { ArticleBrowser, ArticleStore } from '../../lambdas/store/article-store.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { tableNamesWithPrefix, type TableNames } from '../../lambdas/store/schema.ts';
import { createDynamoDbSentRecordStore } from '../../lambdas/subscribers/dynamodb-sent-record-store.ts';
import { createDynamoDbSubscriberStore } from '../../lambdas/subscribers/dynamodb-subscriber-store.ts';
import type { SentRecordStore, SubscriberStore } from '../../lambdas/subscribers/subscriber-store.ts';
import { explainUnreachableStore } from '../../lambdas/store/errors.ts';
import { skipSdkRequestLog } from '../../lambdas/store/skip-sdk-log.ts';
import { startDynamoDbLocal, stopOnSignals, type DynamoDbLocal } from './dynamodb-local.ts';

export const DEFAULT_RETENTION_DAYS = 400;

export interface StoreContext {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableNames: TableNames;
  articles: ArticleStore & ArticleBrowser;
  feedStates: FeedStateStore;
  subscribers: SubscriberStore;
  sentRecords: SentRecordStore;
  close(): Promise<void>;
}

export interface LocalOptions {
  /** Persist under this folder; in memory when absent. */
  dataDir?: string;
  retentionDays?: number;
  /** Stop DynamoDB Local and exit on Ctrl-C (default true); `serve` handles its own shutdown. */
  handleSignals?: boolean;
}

export async function openLocalContext(options: LocalOptions = {}): Promise<StoreContext & { db: DynamoDbLocal }> {
  const db = await startDynamoDbLocal({ dataDir: options.dataDir });
  if (options.handleSignals !== false) stopOnSignals(db);
  try {
    const context = await connectStores(localClient(db.endpoint), tableNamesWithPrefix('centinela'), options.retentionDays);
    await createTables(context.client, context.tableNames);
    return {
      ...context,
      db,
      close: async () => {
        context.client.destroy();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

export function localClient(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  explainUnreachableStore(client, endpoint);
  return skipSdkRequestLog(client);
}

export async function connectStores(
  client: DynamoDBClient,
  tableNames: TableNames,
  retentionDays = DEFAULT_RETENTION_DAYS,
): Promise<StoreContext> {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    doc,
    tableNames,
    articles: createDynamoDbArticleStore(doc, { tableName: tableNames.articles, retentionDays }),
    feedStates: createDynamoDbFeedStateStore(doc, tableNames.feeds),
    subscribers: createDynamoDbSubscriberStore(doc, tableNames.subscribers),
    sentRecords: createDynamoDbSentRecordStore(doc, tableNames.subscribers),
    close: async () => client.destroy(),
  };
}
