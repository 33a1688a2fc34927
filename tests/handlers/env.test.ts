import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, tableName } from '../../lambdas/handlers/env.ts';

describe('parseEnv', () => {
  it('names each missing or bad variable and says how to fix it', () => {
    const parse = () => parseEnv({ FEEDS_TABLE: tableName, FEED_QUEUE_URL: z.url('must be the SQS queue URL') }, { FEED_QUEUE_URL: 'queue' });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow('env: FEEDS_TABLE is not set; FEED_QUEUE_URL must be the SQS queue URL (got "queue") — the CDK stack sets these variables; redeploy with `npx cdk deploy`');
  });
});
