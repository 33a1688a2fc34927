/**
 * The deployable unit: storage, ingestion, digests and monitoring, wired
 * together. Only composition lives here; each construct holds its own defaults.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerts } from './alerts.ts';
import type { CentinelaConfig } from './config.ts';
import { Digests } from './digests.ts';
import { Ingestion } from './ingestion.ts';
import { Monitoring } from './monitoring.ts';
import { Storage } from './storage.ts';
import { Web } from './web.ts';

export interface CentinelaStackProps extends StackProps {
  config: CentinelaConfig;
}

export class CentinelaStack extends Stack {
  readonly storage: Storage;
  readonly ingestion: Ingestion;
  readonly digests: Digests;
  readonly alerts: Alerts;
  readonly monitoring: Monitoring;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: CentinelaStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.storage = new Storage(this, 'Storage');
    this.ingestion = new Ingestion(this, 'Ingestion', { config, tables: this.storage.tables });
    this.digests = new Digests(this, 'Digests', { config, tables: this.storage.tables });
    this.web = new Web(this, 'Web', { config, tables: this.storage.tables });
    this.alerts = new Alerts(this, 'Alerts', { config, tables: this.storage.tables, digests: this.digests });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      ownerEmail: config.ownerEmail,
      deadLetterQueue: this.ingestion.deadLetterQueue,
      functions: [this.ingestion.dispatch, this.ingestion.pollFeed, ...this.digests.functions, this.web.function, this.alerts.checkAlerts],
    });

    // What the deploy guide's commands need (docs/deploy.md).
    const outputs: Record<string, string> = {
      ArticlesTable: this.storage.tables.articles.tableName,
      FeedsTable: this.storage.tables.feeds.tableName,
      SubscribersTable: this.storage.tables.subscribers.tableName,
      DispatchFunction: this.ingestion.dispatch.function.functionName,
      PollFeedFunction: this.ingestion.pollFeed.function.functionName,
      SendDigestsFunction: this.digests.sendDigests.function.functionName,
      FeedDeadLetterQueueUrl: this.ingestion.deadLetterQueue.queueUrl,
      UnsubscribeUrl: this.digests.unsubscribeUrl.url,
      WebUrl: this.web.url.url,
      WebAccessKeySecret: this.web.accessKey.secretName,
      CheckAlertsFunction: this.alerts.checkAlerts.function.functionName,
      AlertTargetsSecret: this.alerts.targets.secretName,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
