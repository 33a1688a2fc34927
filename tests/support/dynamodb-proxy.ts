import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, type FeedServer } from '../../bin/local/feed-server.ts';

export interface DynamoDbProxy extends FeedServer {
  /** Answer the next `count` requests for `target` (e.g. "TransactWriteItems") with a real throttling error. */
  throttle(target: string, count: number): void;
  /** Requests seen per DynamoDB operation, throttled ones included. */
  seen: Map<string, number>;
  throttled: number;
}

/**
 * A loopback HTTP proxy in front of DynamoDB Local that can answer with the
 * exact throttling response DynamoDB sends, so the SDK's own retry logic is
 * what gets exercised — nothing inside the client is mocked.
 */
export async function startDynamoDbProxy(upstream: string): Promise<DynamoDbProxy> {
  const pending = new Map<string, number>();
  const seen = new Map<string, number>();
  const state = { throttled: 0 };
  const target = new URL(upstream);

  const server = createServer((incoming, outgoing) => {
    const operation = operationOf(incoming);
    seen.set(operation, (seen.get(operation) ?? 0) + 1);
    const left = pending.get(operation) ?? 0;
    if (left > 0) {
      pending.set(operation, left - 1);
      state.throttled++;
      incoming.resume();
      outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'proxy' });
      outgoing.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
          message: 'Rate of requests exceeds the allowed throughput.',
        }),
      );
      return;
    }
    forwardRequest(target, incoming, outgoing);
  });
  const running = await listenOnLoopback(server);
  return {
    ...running,
    seen,
    get throttled() {
      return state.throttled;
    },
    throttle: (operation, count) => pending.set(operation, count),
  };
}

/** The DynamoDB operation a request asks for, e.g. "BatchWriteItem" (from its X-Amz-Target header). */
export function operationOf(incoming: IncomingMessage): string {
  return String(incoming.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
}

/**
 * Sends one request on to DynamoDB Local and relays the answer, unless
 * `takeAnswer` returns true, in which case it has dealt with the answer itself.
 */
export function forwardRequest(
  target: URL,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  takeAnswer: (answer: IncomingMessage) => boolean = () => false,
): void {
  const forward = httpRequest(
    { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (answer) => {
      if (takeAnswer(answer)) return;
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forward.on('error', () => outgoing.destroy());
  incoming.pipe(forward);
}
