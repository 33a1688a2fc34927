/**
 * Every command that reads or writes data takes the same options and opens
 * the store the same way: DynamoDB Local under the data folder by default,
 * the deployed tables with --aws.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Command } from 'commander';
import { connectStores, openLocalContext, type StoreContext } from '../local/local-context.ts';
import type { TableNames } from '../../lambdas/store/schema.ts';
import { explainUnreachableStore } from '../../lambdas/store/store-errors.ts';

export interface StoreOptions {
  dataDir?: string;
  aws?: boolean;
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, '.centinela', 'data');

/** Environment variables naming the deployed tables (printed as stack outputs by `cdk deploy`). */
export const TABLE_ENV: Record<keyof TableNames, string> = {
  articles: 'CENTINELA_ARTICLES_TABLE',
  feeds: 'CENTINELA_FEEDS_TABLE',
  subscribers: 'CENTINELA_SUBSCRIBERS_TABLE',
};

export function addStoreOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'local data folder (default: $CENTINELA_DATA_DIR or .centinela/data in the project)')
    .option('--aws', 'use the deployed DynamoDB tables (names from $CENTINELA_*_TABLE; credentials from the AWS chain)');
}

export async function openStore(options: StoreOptions): Promise<StoreContext> {
  if (options.aws) {
    const client = new DynamoDBClient({});
    explainUnreachableStore(client, 'the AWS DynamoDB endpoint (check your network and AWS_REGION)');
    return connectStores(client, deployedTableNames(process.env));
  }
  return openLocalContext({ dataDir: options.dataDir ?? process.env.CENTINELA_DATA_DIR ?? DEFAULT_DATA_DIR });
}

export function deployedTableNames(env: NodeJS.ProcessEnv): TableNames {
  const missing = Object.values(TABLE_ENV).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `--aws needs the deployed table names in ${missing.join(', ')}. ` +
        'They are printed as outputs by `npx cdk deploy`; export them, e.g. export CENTINELA_ARTICLES_TABLE=<ArticlesTableName output>.',
    );
  }
  return {
    articles: env[TABLE_ENV.articles]!,
    feeds: env[TABLE_ENV.feeds]!,
    subscribers: env[TABLE_ENV.subscribers]!,
  };
}

/** Runs `work` with an open store and always closes it (DynamoDB Local stops even when work throws). */
export async function withStore<T>(options: StoreOptions, work: (store: StoreContext) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
