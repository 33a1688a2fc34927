/**
 * Digests: the SES sender identity and a configuration set whose bounces and
 * complaints reach `ses-events` (which suppresses the address), the signed
 * unsubscribe link's Function URL and key, and — once the digest stage's
 * orchestrator exists — the scheduled `send-digests` function.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
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
  readonly functions: CentinelaFunction[];

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
        reason: 'Rotating the HMAC key would break the unsubscribe links in digests already sent; it is rotated by hand (docs/deploy.md) if ever leaked.',
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

    this.functions = [this.unsubscribe, this.sesEvents];
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
