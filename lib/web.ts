/**
 * The web app in AWS: the `web` function behind a Function URL, reading the
 * articles table with Query and GetItem and the feeds table with Query only
 * (nothing else, no subscribers table), protected by an access key generated at deploy time in
 * Secrets Manager (docs/deploy.md, "The web app").
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { TableKey } from '../lambdas/store/schema.ts';
import { CentinelaFunction } from './centinela-function.ts';
import type { CentinelaConfig } from './config.ts';
import { shellQuote } from './ingestion.ts';
import { allowTable } from './table-access.ts';

export interface WebProps {
  config: CentinelaConfig;
  tables: Record<TableKey, dynamodb.ITableV2>;
}

/**
 * What the web app sends to DynamoDB, table by table (tests/web/least-privilege.int.test.ts
 * records it): articles by key and by index partition; feed states as one partition.
 */
export const WEB_ARTICLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
export const WEB_FEED_ACTIONS = ['dynamodb:Query'] as const;

/** At most this many web requests run at once (when the account allows reserving concurrency). */
export const WEB_CONCURRENCY = 5;

export class Web extends Construct {
  readonly function: CentinelaFunction;
  readonly url: lambda.FunctionUrl;
  readonly accessKey: secrets.Secret;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { config, tables } = props;

    this.accessKey = new secrets.Secret(this, 'AccessKey', {
      description: 'Centinela: access key of the web app (sign-in and private feed URLs)',
      generateSecretString: { passwordLength: 40, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(this.accessKey, [
      {
        id: 'AwsSolutions-SMG4',
        reason: 'Rotating the access key would break every feed reader subscribed to a private feed URL; to revoke it, replace the secret value by hand (docs/deploy.md) and hand out the new feed URLs.',
      },
    ]);

    this.function = new CentinelaFunction(this, 'Web', {
      name: 'web',
      description: 'Centinela: read-only web app and feeds out (Function URL, access key)',
      // A person or a feed reader waits on it; a timeline page is a few Queries, bounded at ~3 s of reads.
      timeout: Duration.seconds(15),
      memorySize: 512,
      logRetentionDays: config.logRetentionDays,
      // A public URL: cap what a flood of requests can cost (not on new accounts, see reservedConcurrency in docs/deploy.md).
      reservedConcurrentExecutions: config.reservedConcurrency ? WEB_CONCURRENCY : undefined,
      environment: {
        ARTICLES_TABLE: tables.articles.tableName,
        FEEDS_TABLE: tables.feeds.tableName,
        ACCESS_KEY_SECRET_ARN: this.accessKey.secretArn,
        ...(config.feedList ? { FEED_LIST_FILE: 'feeds.json' } : {}),
      },
      afterBundling: config.feedList ? (outputDir) => [`cp ${shellQuote(config.feedList!.file)} ${shellQuote(`${outputDir}/feeds.json`)}`] : undefined,
    });
    allowTable(this.function, tables.articles, [...WEB_ARTICLE_ACTIONS]);
    allowTable(this.function, tables.feeds, [...WEB_FEED_ACTIONS]);
    this.accessKey.grantRead(this.function.role);
    // The app checks the access key itself: IAM auth would need signed requests, which browsers and feed readers cannot make.
    this.url = this.function.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  }
}
