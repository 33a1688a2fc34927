import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRetries, type RetriedRequest } from '../../lambdas/store/report-retries.ts';
import { skipSdkRequestLog } from '../../lambdas/store/skip-sdk-log.ts';

// A loopback server answering every BatchWriteItem "all processed"; the first request it sees is throttled once.
let server: Server;
let endpoint: string;
let throttleNext = false;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (throttleNext) {
        throttleNext = false;
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down (test)' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end('{"UnprocessedItems":{}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A client whose logger records what the SDK's request log would be handed (a probe for whether that middleware runs). */
function probedClient() {
  const logged: unknown[] = [];
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    logger: { trace() {}, debug() {}, info: (entry: unknown) => void logged.push(entry), warn() {}, error() {} },
  });
  return { client, logged };
}

const batchOfIndexItems = new BatchWriteCommand({
  RequestItems: { articles: [{ PutRequest: { Item: { pk: 'THEME#extortion', sk: '2026-11-20T14:30:00.000Z#3f0c', title: 'Capturan a extorsionadores' } } }] },
});

describe('skipSdkRequestLog', () => {
  it("the SDK's request log copies each request's input and output for its logger (what is skipped)", async () => {
    const { client, logged } = probedClient();
    await DynamoDBDocumentClient.from(client).send(batchOfIndexItems);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ commandName: 'BatchWriteItemCommand', input: { RequestItems: { articles: [expect.anything()] } } });
    client.destroy();
  });

  it('removes it: requests still succeed, and nothing is handed to the logger', async () => {
    const { client, logged } = probedClient();
    expect(skipSdkRequestLog(client)).toBe(client);
    await expect(DynamoDBDocumentClient.from(client).send(batchOfIndexItems)).resolves.toMatchObject({ UnprocessedItems: {} });
    expect(logged).toEqual([]);
    expect(client.middlewareStack.identify().some((entry) => entry.startsWith('loggerMiddleware'))).toBe(false);
    client.destroy();
  });

  it('leaves the other middleware in place: a retried request is still reported', async () => {
    const { client } = probedClient();
    const retries: RetriedRequest[] = [];
    reportRetries(skipSdkRequestLog(client), (retry) => retries.push(retry));
    throttleNext = true;
    await DynamoDBDocumentClient.from(client).send(batchOfIndexItems);
    expect(retries).toEqual([{ operation: 'BatchWriteItem', attempts: 2, totalRetryDelayMs: expect.any(Number) }]);
    client.destroy();
  });
});
