/**
 * Alerts: the hourly `check-alerts` function on its own EventBridge Scheduler
 * schedule, the secret holding the webhook targets (the JSON of
 * docs/digests.md, "Alerts"; it starts with no targets), and only the access
 * the job needs: Query on the articles table, its own records in the
 * subscribers table, SES through the digests' identity, the two secrets.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { TableKey } from '../lambdas/store/schema.ts';
import { CentinelaFunction } from './centinela-function.ts';
import type { CentinelaConfig } from './config.ts';
import type { Digests } from './digests.ts';
import { suppressInvokeVersions } from './ingestion.ts';
import { allowTable } from './table-access.ts';

export interface AlertsProps {
  config: CentinelaConfig;
  tables: Record<TableKey, dynamodb.ITableV2>;
  digests: Digests;
}

export class Alerts extends Construct {
  readonly targets: secrets.Secret;
  readonly checkAlerts: CentinelaFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    const { config, tables, digests } = props;

    this.targets = new secrets.Secret(this, 'AlertTargets', {
      description: 'Centinela: webhook targets for spike alerts (URLs and tokens); JSON as in docs/digests.md',
      // No secret in the template: an empty list until the owner puts the real value (docs/digests.md).
      secretStringValue: SecretValue.unsafePlainText('{"targets":[]}'),
    });
    NagSuppressions.addResourceSuppressions(this.targets, [
      { id: 'AwsSolutions-SMG4', reason: 'Webhook URLs and bot tokens are issued by Slack, Teams and Telegram; they are rotated there and pasted here by hand.' },
    ]);

    this.checkAlerts = new CentinelaFunction(this, 'CheckAlerts', {
      name: 'check-alerts',
      description: 'Centinela: finds spikes and delivers each alert once per recipient',
      // 12 Queries over 29 days, clustering, a few webhooks (10 s deadline each, 4 at a time) and mails.
      timeout: Duration.minutes(2),
      memorySize: 512,
      logRetentionDays: config.logRetentionDays,
      environment: { ...digests.mailSenderEnvironment, ALERT_TARGETS_SECRET_ARN: this.targets.secretArn },
    });
    allowTable(this.checkAlerts, tables.articles, ['dynamodb:Query']);
    // Opted-in subscribers (Query), spikes and claims (conditional put, update, delete on release), target health.
    allowTable(this.checkAlerts, tables.subscribers, ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    this.targets.grantRead(this.checkAlerts.role);
    digests.signingKey.grantRead(this.checkAlerts.role);
    digests.grantSend(this.checkAlerts);

    const schedulerRole = new iam.Role(this, 'AlertsSchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new scheduler.Schedule(this, 'AlertsSchedule', {
      description: 'Centinela: check for spikes and deliver alerts',
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
      target: new targets.LambdaInvoke(this.checkAlerts.function, {
        role: schedulerRole,
        retryAttempts: 0,
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
      }),
    });
    suppressInvokeVersions(schedulerRole);
  }
}
