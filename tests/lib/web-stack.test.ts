/** The web app's function in the stack: Function URL, read-only grants on two tables, the access key secret. */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, refsIn, statementsOf, synthStack } from './stack-fixture.ts';

let template: ReturnType<typeof synthStack>['template'];

// Synthesis takes seconds on an idle machine and minutes on a loaded one.
beforeAll(() => {
  template = synthStack().template;
}, 180_000);

const tableId = (kind: 'Articles' | 'Feeds' | 'Subscribers') =>
  Object.keys(template.findResources('AWS::DynamoDB::GlobalTable')).find((id) => id.startsWith(`Storage${kind}Table`))!;

describe('web', () => {
  it('deploys the web handler on Node.js 24 arm64 with the two table names and the access key secret', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 5,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'centinela-web',
          ARTICLES_TABLE: { Ref: tableId('Articles') },
          FEEDS_TABLE: { Ref: tableId('Feeds') },
          ACCESS_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^WebAccessKey') },
        }),
      },
    });
  });

  it('serves it through a Function URL (the app checks the access key) and outputs that URL', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebFunction[0-9A-F]{8}$'), 'Arn'] },
    });
    template.hasOutput('WebUrl', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebFunctionFunctionUrl'), 'FunctionUrl'] } });
    template.hasOutput('WebAccessKeySecret', Match.anyValue());
  });

  it('generates the access key at deploy time in Secrets Manager', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: 'Centinela: access key of the web app (sign-in and private feed URLs)',
      GenerateSecretString: { PasswordLength: 40, ExcludePunctuation: true },
    });
  });

  it('grants Query and GetItem on the articles table, Query on the feeds table, reading its secret and writing its logs, and nothing else', () => {
    const statements = statementsOf(template, 'web');
    const on = (id: string) => actionsOf(statements.filter((s) => refsIn(s.Resource).includes(id)));
    expect(on(tableId('Articles'))).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(on(tableId('Feeds'))).toEqual(['dynamodb:Query']);
    expect(on(tableId('Subscribers'))).toEqual([]);
    const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) => id.startsWith('WebAccessKey'))!;
    expect(on(secret)).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    expect(actionsOf(statements)).toEqual(
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query', 'logs:CreateLogStream', 'logs:PutLogEvents', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
    );
    for (const statement of statements) expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
  });

  it('gets an errors alarm like every function', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^WebFunction[0-9A-F]{8}$') } }],
    });
  });
});
