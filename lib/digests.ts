/**
 * Digests: the SES sender identity and a configuration set whose bounces and
 * complaints reach `ses-events` (which suppresses the address), the signed
 * unsubscribe link's Function URL and key, and the hourly `send-digests`
 * function (each subscriber chooses a Lima hour; the run mails whoever is due).
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { TableKey } from '../lambdas/store/schema.ts';
import { CentinelaFunction } from './centinela-function.ts';
import type { CentinelaConfig } from './config.ts';
import { scheduleExpression, suppressInvokeVersions } from './ingestion.ts';
import { allowTable } from './table-access.ts';

export interface DigestsProps {
  config: CentinelaConfig;
  tables: Record<TableKey, dynamodb.ITableV2>;
}

/** setStatus reads the profile and rewrites it and its schedule entry in one transaction. */
const SET_STATUS_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] as const;

export class Digests extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly sesEventsTopic: sns.Topic;
  readonly signingKey: secrets.Secret;
  readonly unsubscribe: CentinelaFunction;
  readonly unsubscribeUrl: lambda.FunctionUrl;
  readonly sesEvents: CentinelaFunction;
  readonly sendDigests: CentinelaFunction;
  readonly schedule: scheduler.Schedule;
  readonly functions: CentinelaFunction[];
  /** What every function that mails subscribers reads (lambdas/handlers/mail-sender-env.ts): tables, SES sender, unsubscribe link. */
  readonly mailSenderEnvironment: Record<string, string>;

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    const { config, tables } = props;

    // SES mails a verification link to this address at deploy; until it is clicked, nothing is sent.
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', { identity: ses.Identity.email(config.senderEmail) });

    this.sesEventsTopic = new sns.Topic(this, 'SesEventsTopic', { displayName: 'Centinela SES bounces and complaints', enforceSSL: true });
    NagSuppressions.addResourceSuppressions(this.sesEventsTopic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'SES can publish to an encrypted topic only with a customer managed KMS key ($1/month); the events carry only the bounced address, which the subscribers table already holds.',
      },
    ]);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // SES also refuses, at the configuration-set level, addresses on the account's suppression list.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.sesEventsTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    this.signingKey = new secrets.Secret(this, 'UnsubscribeSigningKey', {
      description: 'Centinela: HMAC key that signs unsubscribe links',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(this.signingKey, [
      {
        id: 'AwsSolutions-SMG4',
        reason: 'Rotating the HMAC key would break the unsubscribe links in digests already sent; if it ever leaks, replace the secret value by hand (links in digests already sent then stop working).',
      },
    ]);

    this.unsubscribe = new CentinelaFunction(this, 'Unsubscribe', {
      name: 'unsubscribe',
      description: 'Centinela: signed one-click unsubscribe page (Function URL)',
      // A person waits on it: one secret read per container, one GetItem and one transaction.
      timeout: Duration.seconds(10),
      memorySize: 256,
      logRetentionDays: config.logRetentionDays,
      environment: { SUBSCRIBERS_TABLE: tables.subscribers.tableName, SIGNING_KEY_SECRET_ARN: this.signingKey.secretArn },
    });
    allowTable(this.unsubscribe, tables.subscribers, [...SET_STATUS_ACTIONS]);
    this.signingKey.grantRead(this.unsubscribe.role);
    this.unsubscribeUrl = this.unsubscribe.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    this.sesEvents = new CentinelaFunction(this, 'SesEvents', {
      name: 'ses-events',
      description: 'Centinela: suppresses addresses SES reports as bounced or complaining',
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetentionDays: config.logRetentionDays,
      environment: { SUBSCRIBERS_TABLE: tables.subscribers.tableName },
    });
    allowTable(this.sesEvents, tables.subscribers, [...SET_STATUS_ACTIONS]);
    this.sesEventsTopic.addSubscription(new subscriptions.LambdaSubscription(this.sesEvents.function));

    this.mailSenderEnvironment = {
      ARTICLES_TABLE: tables.articles.tableName,
      SUBSCRIBERS_TABLE: tables.subscribers.tableName,
      RETENTION_DAYS: String(config.retentionDays),
      SENDER_EMAIL: config.senderEmail,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      UNSUBSCRIBE_URL: this.unsubscribeUrl.url,
      SIGNING_KEY_SECRET_ARN: this.signingKey.secretArn,
    };
    this.sendDigests = new CentinelaFunction(this, 'SendDigests', {
      name: 'send-digests',
      description: 'Centinela: mails each due subscriber the digest of the last period, once',
      // Four digests at a time; the SES sandbox sends 1 message/s, so 200 subscribers take ~3–4 min.
      // Well inside the 20-minute claim lease, so a timed-out run never causes a double send.
      timeout: Duration.minutes(5),
      // Clustering, HTML rendering and MIME composition of a few digests at once; the CPU share helps.
      memorySize: 512,
      logRetentionDays: config.logRetentionDays,
      environment: this.mailSenderEnvironment,
    });
    // Listings by Query, the listed articles by BatchGetItem (lambdas/digest/load-digest.ts); no single GetItem.
    allowTable(this.sendDigests, tables.articles, ['dynamodb:Query', 'dynamodb:BatchGetItem']);
    // Due-subscriber queries, and the claim → sent records (conditional put, update, delete on release).
    allowTable(this.sendDigests, tables.subscribers, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    this.signingKey.grantRead(this.sendDigests.role);
    this.grantSend(this.sendDigests);

    const schedulerRole = new iam.Role(this, 'DigestSchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new scheduler.Schedule(this, 'DigestSchedule', {
      description: 'Centinela: send the digests that are due',
      schedule: scheduleExpression(config.digestSchedule, config.timezone),
      target: new targets.LambdaInvoke(this.sendDigests.function, {
        role: schedulerRole,
        retryAttempts: 0,
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
      }),
    });
    suppressInvokeVersions(schedulerRole);

    this.functions = [this.sendDigests, this.unsubscribe, this.sesEvents];
  }

  /** ses:SendEmail through this identity and configuration set, nothing else. */
  grantSend(fn: CentinelaFunction): void {
    const stack = this.identity.stack;
    fn.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identity.emailIdentityName }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
        ],
      }),
    );
  }
}
