/**
 * A DynamoDB endpoint on loopback that holds no articles: every request (a
 * Query, as `centinela query --aws` sends) is answered with no items. For
 * spawned CLI tests that need `--aws` to reach "a database" without Java;
 * `targets` lists each request's X-Amz-Target (e.g. DynamoDB_20120810.Query).
 */
import { startTestServer, type TestServer } from './http-server.ts';

export interface EmptyDynamoDb {
  server: TestServer;
  /** The X-Amz-Target of every request received, in order. */
  targets: string[];
  /** The environment that points `centinela … --aws` at this endpoint, with test credentials and table names. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startEmptyDynamoDb(): Promise<EmptyDynamoDb> {
  const targets: string[] = [];
  const server = await startTestServer({
    '/': (request, response) => {
      targets.push(String(request.headers['x-amz-target']));
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ Items: [], Count: 0, ScannedCount: 0 }));
      });
    },
  });
  const env = {
    AWS_ENDPOINT_URL_DYNAMODB: server.origin,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    CENTINELA_ARTICLES_TABLE: 'articles',
    CENTINELA_FEEDS_TABLE: 'feeds',
    CENTINELA_SUBSCRIBERS_TABLE: 'subscribers',
  };
  return { server, targets, env, close: () => server.close() };
}
