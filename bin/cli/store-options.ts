/**
 * Every command that reads or writes data takes the same options and opens
 * the store the same way: DynamoDB Local under the data folder by default,
 * the deployed tables with --aws.
 * The AWS SDK and the local launcher are imported when a store is opened, not
 * when this module is: every command declaration imports it (bin/cli/main.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { StoreContext } from '../local/local-context.ts';
import { tableNamesWithPrefix, type TableNames } from '../../lambdas/store/schema.ts';

export interface StoreOptions {
  dataDir?: string;
  aws?: boolean;
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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
    .option('--aws', 'use the deployed DynamoDB tables (names from $CENTINELA_*_TABLE or cdk-outputs.json; credentials from the AWS chain)');
}

export async function openStore(options: StoreOptions): Promise<StoreContext> {
  const { connectStores, localClient, openLocalContext } = await import('../local/local-context.ts');
  if (options.aws) {
    const [{ DynamoDBClient }, { explainUnreachableStore }, { skipSdkRequestLog }] = await Promise.all([
      import('@aws-sdk/client-dynamodb'),
      import('../../lambdas/store/errors.ts'),
      import('../../lambdas/store/skip-sdk-log.ts'),
    ]);
    const client = skipSdkRequestLog(new DynamoDBClient({}));
    explainUnreachableStore(client, 'the AWS DynamoDB endpoint (check your network and AWS_REGION)');
    return connectStores(client, deployedTableNames(process.env));
  }
  const dataDir = localDataDir(options);
  const { findRunningServe } = await import('../local/serve-state.ts');
  const serving = await findRunningServe(dataDir);
  // `centinela serve` owns this folder's database: use it (no Java start-up) and leave it running on close.
  if (serving) return connectStores(localClient(serving.endpoint), tableNamesWithPrefix('centinela'));
  return openLocalContext({ dataDir });
}

/** The local data folder: --data-dir, else $CENTINELA_DATA_DIR, else .centinela/data in the project. */
export function localDataDir(options: Pick<StoreOptions, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  return options.dataDir ?? env.CENTINELA_DATA_DIR ?? DEFAULT_DATA_DIR;
}

/** Where `npx cdk deploy --outputs-file cdk-outputs.json` writes the stack outputs (or $CENTINELA_OUTPUTS_FILE). */
export const DEFAULT_OUTPUTS_FILE = path.join(PROJECT_ROOT, 'cdk-outputs.json');

/** The stack outputs naming each table (lib/centinela-stack.ts). */
export const TABLE_OUTPUTS: Record<keyof TableNames, string> = {
  articles: 'ArticlesTable',
  feeds: 'FeedsTable',
  subscribers: 'SubscribersTable',
};

/**
 * Deployed table names: each from its $CENTINELA_*_TABLE variable, else from
 * the outputs file `cdk deploy --outputs-file` wrote (read locally: no AWS call).
 */
export function deployedTableNames(
  env: NodeJS.ProcessEnv,
  outputsFile = env.CENTINELA_OUTPUTS_FILE ?? DEFAULT_OUTPUTS_FILE,
): TableNames {
  const outputs = readStackOutputs(outputsFile);
  const names: Partial<TableNames> = {};
  for (const key of Object.keys(TABLE_ENV) as (keyof TableNames)[]) names[key] = env[TABLE_ENV[key]] || outputs?.[TABLE_OUTPUTS[key]];
  const missing = (Object.keys(TABLE_ENV) as (keyof TableNames)[]).filter((key) => !names[key]);
  if (missing.length > 0) {
    throw new Error(
      `--aws needs the deployed table names: set ${missing.map((key) => TABLE_ENV[key]).join(', ')} ` +
        `(the ${missing.map((key) => TABLE_OUTPUTS[key]).join(', ')} outputs of the Centinela stack), ` +
        `or deploy with \`npx cdk deploy --outputs-file cdk-outputs.json\` so ${outputsFile} holds them.`,
    );
  }
  return names as TableNames;
}

/** The outputs of the stack that has an ArticlesTable output ("Centinela" first), or undefined without a file. */
export function readStackOutputs(file: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); deploy again with --outputs-file or delete it.`);
  }
  const stacks = Object.entries((parsed ?? {}) as Record<string, Record<string, string>>).filter(
    ([, outputs]) => typeof outputs === 'object' && outputs !== null && TABLE_OUTPUTS.articles in outputs,
  );
  return (stacks.find(([name]) => name === 'Centinela') ?? stacks[0])?.[1];
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
