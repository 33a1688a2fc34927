import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Removes the SDK's `loggerMiddleware` from a DynamoDB client built without a
 * `logger`. That middleware runs after every request and, before handing
 * them to `logger.info`, copies the request's input and the response's output
 * through their schemas to hide sensitive members (@aws-sdk/core,
 * loggerMiddleware: `logger?.info?.({ input: inputFilterSensitiveLog(args.input), … })`).
 * The default logger (NoOpLogger) has an `info` that does nothing, so the
 * copies are made for nothing: for a BatchWriteItem of 25 index items that
 * walk is ~25% of the SDK's CPU per request (docs/load.md, "Where the store's
 * time goes"). Retries and errors are still reported by `reportRetries` and
 * `explainUnreachableStore`, which are separate middleware. Do not call it on
 * a client given a `logger` to debug with: its request log would stop.
 * Returns `client`.
 */
export function skipSdkRequestLog<Client extends DynamoDBClient>(client: Client): Client {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
