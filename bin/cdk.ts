/**
 * The CDK app: reads and validates the context settings, then composes the
 * stack. `npx cdk synth -c senderEmail=… -c ownerEmail=…`
 */
import { App } from 'aws-cdk-lib';
import { CentinelaStack } from '../lib/centinela-stack.ts';
import { ConfigError, contextKeys, parseConfig } from '../lib/config.ts';

const app = new App();
try {
  const config = parseConfig(Object.fromEntries(contextKeys.map((key) => [key, app.node.tryGetContext(key)])));
  new CentinelaStack(app, 'Centinela', {
    config,
    description: 'Centinela: crime and security news monitor for Peru (feeds, tags, DynamoDB, SES digests)',
    // Region and account come from the CLI's profile (`cdk deploy --profile …`, AWS_REGION).
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
