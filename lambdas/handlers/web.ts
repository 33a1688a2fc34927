/**
 * web (Function URL): the read-only web app of `centinela serve`, in AWS.
 * The same Hono app (lambdas/web/app.ts) through hono/aws-lambda, reading the
 * articles and feeds tables with Query and GetItem only, behind the access key
 * the stack generates in Secrets Manager (read once per container).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import * as z from '../model/zod-mini.ts';
import { defaultFeeds, parseFeedList } from '../feeds/feed-list.ts';
import type { FeedSource } from '../feeds/feed-source.ts';
import { createDynamoDbFeedStateStore } from '../feeds/state/dynamodb-feed-state-store.ts';
import { systemClock } from '../model/clock.ts';
import { createDynamoDbArticleReader } from '../store/dynamodb-article-store.ts';
import { bundledCatalog } from './bundled-catalog.ts';
import { createWebApp } from '../web/app.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, secretArn, tableName } from './env.ts';
import { secretReader } from './signing-key.ts';

const logger = new Logger();

const fromEnv = once(() => {
  const env = parseEnv({
    ARTICLES_TABLE: tableName,
    FEEDS_TABLE: tableName,
    ACCESS_KEY_SECRET_ARN: secretArn,
    FEED_LIST_FILE: z.optional(z.string()),
  });
  const doc = documentClient();
  const feeds = env.FEED_LIST_FILE ? readFeedList(env.FEED_LIST_FILE) : defaultFeeds();
  const app = createWebApp({
    // Reads only: retention matters to writes alone.
    articles: createDynamoDbArticleReader(doc, { tableName: env.ARTICLES_TABLE }),
    feedStates: createDynamoDbFeedStateStore(doc, env.FEEDS_TABLE),
    feeds: async () => feeds,
    catalog: bundledCatalog(),
    clock: systemClock,
    accessKey: secretReader(env.ACCESS_KEY_SECRET_ARN),
    logError: (error) => logger.error('web request failed', error as Error),
  });
  return handle(app);
});

/** A custom feed list, copied next to the bundle by the stack (relative to the task root). */
function readFeedList(file: string): FeedSource[] {
  return parseFeedList(JSON.parse(readFileSync(path.resolve(process.env.LAMBDA_TASK_ROOT ?? '.', file), 'utf8')));
}

/** Function URL events use API Gateway's payload format 2.0, which hono/aws-lambda reads. */
export const handler = (event: LambdaEvent, context?: LambdaContext) => fromEnv()(event, context);
