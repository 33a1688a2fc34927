import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../lambdas/store/schema.ts';
import { actionsOf, refsIn, statementsOf, synthStack } from './stack-fixture.ts';

let template: ReturnType<typeof synthStack>['template'];

beforeAll(() => {
  template = synthStack().template;
});

function logicalIdOf(type: string, props: Record<string, unknown>): string {
  const found = Object.keys(template.findResources(type, { Properties: props }));
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
}

describe('storage', () => {
  it('creates one on-demand table per schema entry, with its keys, TTL, PITR and encryption, retained on delete', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', Object.keys(tables).length);
    for (const definition of Object.values(tables)) {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: definition.partitionKey, KeyType: 'HASH' },
            { AttributeName: definition.sortKey, KeyType: 'RANGE' },
          ],
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
          TimeToLiveSpecification: definition.ttlAttribute ? { AttributeName: definition.ttlAttribute, Enabled: true } : Match.absent(),
          Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
        }),
      });
    }
  });

  it('keeps the tables under stable logical ids, so a refactor never replaces user data', () => {
    const ids = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable')).map((id) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(ids.sort()).toEqual(['StorageArticlesTable', 'StorageFeedsTable', 'StorageSubscribersTable']);
  });
});

describe('functions', () => {
  it('runs every function on Node.js 24, arm64, with its own log group and retention', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: Record<string, unknown> }[];
    const ours = functions.filter((f) => JSON.stringify(f.Properties).includes('POWERTOOLS_SERVICE_NAME'));
    expect(ours).toHaveLength(7);
    for (const fn of ours) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogGroup: { Ref: expect.any(String) } });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('gives each function its own code asset (CDK keys its bundling cache on the bundling options, so each names its function)', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: { Code: { S3Key?: unknown }; Environment?: unknown } }[];
    const keys = functions.filter((f) => JSON.stringify(f.Properties.Environment ?? {}).includes('POWERTOOLS_SERVICE_NAME')).map((f) => f.Properties.Code.S3Key);
    expect(keys).toHaveLength(7);
    expect(new Set(keys).size).toBe(7);
  });

  it('sets each timeout and memory size as chosen in the constructs', () => {
    const expected = { dispatch: [30, 256], 'poll-feed': [120, 512], 'send-digests': [300, 512], unsubscribe: [10, 256], 'ses-events': [30, 256], 'check-alerts': [120, 512] };
    for (const [name, [timeout, memory]] of Object.entries(expected)) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Timeout: timeout,
        MemorySize: memory,
        Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: `centinela-${name}`, POWERTOOLS_METRICS_NAMESPACE: 'Centinela' }) },
      });
    }
  });

  it('honours the log retention setting', () => {
    synthStack({ logRetentionDays: '90' }).template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });
});

describe('ingestion', () => {
  it('schedules dispatch every 15 minutes in America/Lima', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      ScheduleExpressionTimezone: 'America/Lima',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestionDispatchFunction'), 'Arn'] } }),
    });
  });

  it('gives the feed queue a DLQ after 5 receives and a visibility timeout above the poller timeout', () => {
    const dlq = logicalIdOf('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 });
    const queueId = logicalIdOf('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
    });
    // The poller is the function this queue feeds, as synthesized (not the constants behind them).
    const [mapping] = Object.values(
      template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] } } }),
    ) as { Properties: { FunctionName: { Ref: string } } }[];
    expect(mapping, 'an event source mapping from the feed queue').toBeDefined();
    const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
    const visibilityTimeout = resources[queueId]!.Properties.VisibilityTimeout as number;
    const poller = resources[mapping!.Properties.FunctionName.Ref]!.Properties;
    expect(poller.Environment).toMatchObject({ Variables: { POWERTOOLS_SERVICE_NAME: 'centinela-poll-feed' } });
    // AWS's advice for an SQS event source: at least six times the function's timeout.
    expect(visibilityTimeout).toBeGreaterThanOrEqual(6 * (poller.Timeout as number));
  });

  it('feeds poll-feed in small batches with partial batch failures and a concurrency cap', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 2,
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'centinela-poll-feed' }) },
    });
  });

  it('gives dispatch a custom feed list as a file next to its bundle', () => {
    const { template: t } = synthStack({ feedList: 'lambdas/feeds/feeds.json' });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'centinela-dispatch', FEED_LIST_FILE: 'feeds.json' }) },
    });
  });

  it('can leave reserved concurrency off for a new account with a quota of 10', () => {
    const { template: t } = synthStack({ reservedConcurrency: 'false', pollConcurrency: '3' });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 3 } });
    expect(JSON.stringify(t.findResources('AWS::Lambda::Function'))).not.toContain('ReservedConcurrentExecutions');
  });
});

describe('digests', () => {
  it('verifies the sender and sends bounces and complaints to the ses-events function', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'digests@example.org' });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
    const topic = logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Centinela SES bounces and complaints' });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: { TopicARN: { Ref: topic } } },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topic },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestsSesEventsFunction'), 'Arn'] },
    });
  });

  it('runs send-digests every hour in America/Lima with the scheduled time as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      ScheduleExpressionTimezone: 'America/Lima',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestsSendDigestsFunction'), 'Arn'] },
        Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
      }),
    });
  });

  it('gives send-digests the sender, configuration set, unsubscribe URL and key', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'centinela-send-digests',
          SENDER_EMAIL: 'digests@example.org',
          SES_CONFIGURATION_SET: { Ref: Match.stringLikeRegexp('^DigestsConfigurationSet') },
          UNSUBSCRIBE_URL: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestsUnsubscribeFunctionFunctionUrl'), 'FunctionUrl'] },
          SIGNING_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^DigestsUnsubscribeSigningKey') },
        }),
      },
    });
  });

  it('exposes unsubscribe as a public Function URL', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestsUnsubscribeFunction'), 'Arn'] },
    });
  });
});

describe('alerts', () => {
  it('runs check-alerts every hour from its own schedule, with the scheduled time as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsCheckAlertsFunction'), 'Arn'] },
        Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
      }),
    });
  });

  it('keeps the webhook targets in a secret with no target in the template, and hands check-alerts its ARN', () => {
    const secret = logicalIdOf('AWS::SecretsManager::Secret', { SecretString: '{"targets":[]}' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'centinela-check-alerts',
          ALERT_TARGETS_SECRET_ARN: { Ref: secret },
          SIGNING_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^DigestsUnsubscribeSigningKey') },
          UNSUBSCRIBE_URL: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestsUnsubscribeFunctionFunctionUrl'), 'FunctionUrl'] },
        }),
      },
    });
  });

  it('grants check-alerts only Query on articles, its own writes on subscribers, the two secrets and SES through the identity', () => {
    const statements = statementsOf(template, 'check-alerts');
    expect(actionsOf(statements)).toEqual([
      'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'logs:CreateLogStream', 'logs:PutLogEvents', // its own log group
      'secretsmanager:DescribeSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:GetSecretValue',
      'ses:SendEmail',
    ]);
    const onTable = (table: string) => statements.filter((s) => refsIn(s.Resource).some((id) => id.startsWith(`Storage${table}Table`)));
    expect(actionsOf(onTable('Articles'))).toEqual(['dynamodb:Query']);
    expect(actionsOf(onTable('Subscribers'))).toEqual(['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(actionsOf(onTable('Feeds'))).toEqual([]);
    const secretRefs = statements.filter((s) => actionsOf([s]).includes('secretsmanager:GetSecretValue')).flatMap((s) => refsIn(s.Resource));
    expect(secretRefs.some((id) => id.startsWith('AlertsAlertTargets'))).toBe(true);
    expect(secretRefs.some((id) => id.startsWith('DigestsUnsubscribeSigningKey'))).toBe(true);
  });

  it('alarms when an alert target has failed for a day', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'AlertTargetsFailingForADay',
      Namespace: 'Centinela',
      Dimensions: [{ Name: 'service', Value: 'centinela-check-alerts' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});

describe('monitoring', () => {
  it('mails alarms to the owner', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.org' });
  });

  it('alarms on dead letters, on each function error, on 24 h without articles and on a feed failing for a day', () => {
    const topic = logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Centinela alarms' });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as { Properties: Record<string, unknown> }[];
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    const errorAlarms = alarms.filter((a) => a.Properties.MetricName === 'Errors' && a.Properties.Namespace === 'AWS/Lambda');
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => JSON.stringify(f).includes('POWERTOOLS_SERVICE_NAME'));
    expect(errorAlarms).toHaveLength(functions.length);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Centinela',
      MetricName: 'ArticlesStored',
      Dimensions: [{ Name: 'service', Value: 'centinela-poll-feed' }],
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 24,
      DatapointsToAlarm: 24,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Centinela',
      MetricName: 'FeedsFailingForADay',
      Dimensions: [{ Name: 'service', Value: 'centinela-dispatch' }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });
});

describe('least privilege', () => {
  const tableId = (key: string) => Object.keys(template.findResources('AWS::DynamoDB::GlobalTable')).find((id) => id.startsWith(`Storage${key}Table`))!;

  it('gives no function a wildcard action, and data-table statements name one table each', () => {
    for (const name of ['dispatch', 'poll-feed', 'send-digests', 'unsubscribe', 'ses-events']) {
      for (const statement of statementsOf(template, name)) {
        const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
        for (const action of actions) expect(action, `${name}: ${action}`).not.toMatch(/\*/);
        if (actions.some((a) => a.startsWith('dynamodb:'))) {
          expect(refsIn(statement.Resource), name).toHaveLength(1);
          expect(JSON.stringify(statement.Resource), name).not.toContain('*');
        }
      }
    }
  });

  it('lets dispatch only read feed state and queue messages', () => {
    const statements = statementsOf(template, 'dispatch');
    expect(actionsOf(statements).filter((a) => !a.startsWith('logs:'))).toEqual(['dynamodb:Query', 'sqs:SendMessage']);
    const dynamo = statements.find((s) => JSON.stringify(s.Action).includes('dynamodb:'))!;
    expect(refsIn(dynamo.Resource)).toEqual([tableId('Feeds')]);
  });

  it('does not let the poller send mail, scan, or touch subscribers', () => {
    const statements = statementsOf(template, 'poll-feed');
    const actions = actionsOf(statements);
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(refsIn(statements.map((s) => s.Resource))).not.toContain(tableId('Subscribers'));
  });

  it('does not let the digest sender write feed state or articles; it sends mail only as the verified sender', () => {
    const statements = statementsOf(template, 'send-digests');
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    expect(refsIn(dynamo.map((s) => s.Resource))).not.toContain(tableId('Feeds'));
    const onArticles = dynamo.filter((s) => refsIn(s.Resource).includes(tableId('Articles')));
    // The same set tests/digest/send-digests.int.test.ts records a run sending to the articles table.
    expect(actionsOf(onArticles)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:Query']);
    const ses = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(actionsOf(ses)).toEqual(['ses:SendEmail']);
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(':identity/');
    expect(refsIn(ses[0]!.Resource).some((id) => id.startsWith('DigestsSenderIdentity'))).toBe(true);
    expect(resources).toContain(':configuration-set/');
    expect(actionsOf(statements)).not.toContain('sqs:SendMessage');
  });

  it('lets unsubscribe and ses-events change subscribers only, without mail or feed access', () => {
    for (const name of ['unsubscribe', 'ses-events']) {
      const statements = statementsOf(template, name);
      const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
      expect(refsIn(dynamo.map((s) => s.Resource))).toEqual([tableId('Subscribers')]);
      expect(actionsOf(statements).filter((a) => a.startsWith('ses:') || a.startsWith('sqs:'))).toEqual([]);
    }
  });
});
