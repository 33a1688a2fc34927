import { App, Aspects } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CentinelaStack } from '../../lib/centinela-stack.ts';
import { parseConfig } from '../../lib/config.ts';

/**
 * The stack synthesized without bundling and without CDK's built-in
 * CloudFormation validation, so these tests run in about a second:
 * - `aws:cdk:bundling-stacks: []` is CDK's own switch for skipping bundling
 *   (every function keeps its settings and its own asset; only the build,
 *   lib/build-function.ts, is skipped);
 * - `builtinCloudFormationValidation: false` skips the validation plugin that
 *   aws-cdk-lib runs on every synthesis since 2.262 (a WebAssembly rule engine:
 *   about 2 s to start and 1 s per template, findings reported as warnings
 *   only, and no test here asserts on them).
 * Both still run in `npx cdk synth` in .ci/run; the bundles are checked by
 * tests/lib/bundle-size.test.ts and the bundle bench.
 *
 * One synthesis per context and worker: the unit tier shares modules between
 * the files of a worker (vitest.config.ts, `isolate: false`), so the stack,
 * web-stack and nag tests that run in one worker share the template. Treat
 * what this returns as read-only.
 */
export function synthStack(context: Record<string, unknown> = {}, options: { nag?: boolean } = {}): Synthesized {
  const key = JSON.stringify([context, options.nag ?? false]);
  let synthesized = synthesizedByKey.get(key);
  if (!synthesized) {
    synthesized = synthesize(context, options);
    synthesizedByKey.set(key, synthesized);
  }
  return synthesized;
}

type Synthesized = { app: App; stack: CentinelaStack; template: Template };

const synthesizedByKey = new Map<string, Synthesized>();

function synthesize(context: Record<string, unknown>, options: { nag?: boolean }): Synthesized {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const config = parseConfig({ senderEmail: 'digests@example.org', ownerEmail: 'owner@example.org', ...context });
  const stack = new CentinelaStack(app, 'Centinela', { config, env: { account: '123456789012', region: 'us-east-1' } });
  if (options.nag) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack, template: Template.fromStack(stack) };
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every IAM statement attached to the role of the function whose handler file is `name`. */
export function statementsOf(template: Template, name: string): Statement[] {
  const functions = template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: `centinela-${name}` } } },
  });
  const [fn] = Object.values(functions) as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }[];
  if (!fn) throw new Error(`no function ${name}`);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy') as Record<string, { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }>;
  return Object.values(policies)
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

export function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
}

/** The logical id a resource reference points to, e.g. { "Fn::GetAtt": ["X", "Arn"] } → "X". */
export function refsIn(value: unknown): string[] {
  return JSON.stringify(value).match(/"(?:Ref|Fn::GetAtt)":\s*\[?"([A-Za-z0-9]+)"/g)?.map((m) => m.replace(/.*"([A-Za-z0-9]+)"$/, '$1')) ?? [];
}
