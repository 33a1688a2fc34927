/**
 * unsubscribe (Lambda Function URL, auth NONE): maps the Function URL event
 * to the digest stage's pure request → response function. GET shows a
 * confirmation page; POST (the button, or a mail client's RFC 8058 one-click) unsubscribes.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { handleUnsubscribe } from '../subscribers/unsubscribe.ts';
import type { Clock } from '../model/clock.ts';
import { systemClock } from '../model/clock.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { createDynamoDbSubscriberStore } from '../subscribers/dynamodb-subscriber-store.ts';
import { documentClient } from './aws-clients.ts';
import { once, parseEnv, secretArn, tableName } from './env.ts';
import { secretReader } from './signing-key.ts';

export interface UnsubscribeHandlerDeps {
  subscribers: Pick<SubscriberStore, 'setStatus'>;
  signingKey: () => Promise<string>;
  clock: Clock;
  logger: Logger;
}

export function createUnsubscribeHandler(deps: UnsubscribeHandlerDeps) {
  return async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
    const method = event.requestContext.http.method;
    const response = await handleUnsubscribe(
      { method, query: event.queryStringParameters ?? {}, body: event.body, isBase64Encoded: event.isBase64Encoded, headers: event.headers },
      { subscribers: deps.subscribers, signingKey: await deps.signingKey(), now: deps.clock.now() },
    );
    // Never log the token or the address: the status says what happened.
    deps.logger.info('unsubscribe request', { method, status: response.status });
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}

const logger = new Logger();

const fromEnv = once(() => {
  const env = parseEnv({ SUBSCRIBERS_TABLE: tableName, SIGNING_KEY_SECRET_ARN: secretArn });
  return createUnsubscribeHandler({
    subscribers: createDynamoDbSubscriberStore(documentClient(), env.SUBSCRIBERS_TABLE),
    signingKey: secretReader(env.SIGNING_KEY_SECRET_ARN),
    clock: systemClock,
    logger,
  });
});

export const handler = (event: LambdaFunctionURLEvent) => fromEnv()(event);
