/** SDK clients built once per container, from the runtime's region and credentials. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { reportRetries } from '../store/report-retries.ts';
import { explainUnreachableStore } from '../store/errors.ts';
import { skipSdkRequestLog } from '../store/skip-sdk-log.ts';
import { once } from './env.ts';

const logger = new Logger();

export const documentClient = once(() => {
  const client = skipSdkRequestLog(new DynamoDBClient({}));
  explainUnreachableStore(client, `DynamoDB in ${process.env.AWS_REGION ?? 'this region'}`);
  reportRetries(client, (retry) => logger.warn('DynamoDB request retried', { ...retry }));
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});
