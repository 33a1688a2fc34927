/**
 * The unsubscribe endpoint on this machine: the same pure handler as the
 * Function URL, behind node:http on 127.0.0.1.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleUnsubscribe } from '../../lambdas/subscribers/unsubscribe.ts';
import type { SubscriberStore } from '../../lambdas/subscribers/subscriber-store.ts';

export const UNSUBSCRIBE_PATH = '/unsubscribe';
export const DEFAULT_UNSUBSCRIBE_PORT = 8787;

export interface UnsubscribeServer {
  url: string;
  close(): Promise<void>;
}

export async function serveUnsubscribe(options: {
  subscribers: Pick<SubscriberStore, 'setStatus'>;
  signingKey: string;
  port?: number;
}): Promise<UnsubscribeServer> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== UNSUBSCRIBE_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const result = await handleUnsubscribe(
        { method: request.method ?? 'GET', query: Object.fromEntries(url.searchParams), body: await readBody(request), headers: request.headers as Record<string, string> },
        { subscribers: options.subscribers, signingKey: options.signingKey, now: new Date() },
      );
      response.writeHead(result.status, result.headers).end(result.body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`unsubscribe failed: ${(error as Error).message}`);
    }
  });
  const wanted = options.port ?? DEFAULT_UNSUBSCRIBE_PORT;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`unsubscribe-server: port ${wanted} on 127.0.0.1 is taken; pass another with --port (0 picks a free one).`, { cause: error })
          : error,
      ),
    );
    server.listen(wanted, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${UNSUBSCRIBE_PATH}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
