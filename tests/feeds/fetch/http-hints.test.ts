/** Kind 5 of issue 14 at the fetch step: reset keep-alive connections, Retry-After, max-age, permanent redirects. */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../../lambdas/feeds/fetch/errors.ts';
import { createHttpFetcher, type HttpFetcher } from '../../../lambdas/feeds/fetch/http-fetcher.ts';
import { fixed, startTestServer, type TestServer } from '../../support/http-server.ts';

const FEED = '<rss version="2.0"><channel><title>t</title></channel></rss>';
let server: TestServer;
let fetcher: HttpFetcher;
const servedOn = new WeakSet<Socket>();
let resetRequests = 0;

beforeAll(async () => {
  server = await startTestServer({
    // Answers a connection's first request, then resets the connection on its next one (a server that closed an idle keep-alive socket).
    '/resets-reused': (request, response) => {
      resetRequests++;
      if (servedOn.has(request.socket)) return void request.socket.destroy();
      servedOn.add(request.socket);
      response.writeHead(200, { 'content-type': 'application/rss+xml', connection: 'keep-alive' }).end(FEED);
    },
    '/busy': fixed('slow down', { 'retry-after': '120' }, 429),
    '/down': fixed('maintenance', { 'retry-after': 'Sun, 22 Nov 2026 18:00:00 GMT' }, 503),
    '/cached': fixed(FEED, { 'cache-control': 'public, max-age=900' }),
    '/no-store': fixed(FEED, { 'cache-control': 'no-store, max-age=900' }),
    '/old': (_request, response) => void response.writeHead(301, { location: '/older' }).end(),
    '/older': (_request, response) => void response.writeHead(308, { location: '/cached' }).end(),
    '/temp': (_request, response) => void response.writeHead(302, { location: '/cached' }).end(),
    '/mixed': (_request, response) => void response.writeHead(301, { location: '/temp' }).end(),
    '/gone': fixed('gone', {}, 410),
  });
  fetcher = createHttpFetcher({ timeoutMs: 15_000 });
});

afterAll(async () => {
  fetcher?.close();
  await server?.close();
});

describe('http fetcher: what the server says about the next request', () => {
  it('retries once on a fresh connection when a reused keep-alive connection is reset', async () => {
    const first = await fetcher.fetch(server.url('/resets-reused'));
    const second = await fetcher.fetch(server.url('/resets-reused'));
    expect([first.status, second.status]).toEqual(['ok', 'ok']);
    expect(resetRequests).toBe(3); // first, the reset one, the retry
  });

  it('carries Retry-After (seconds or an HTTP date) on 429 and 503', async () => {
    const busy = await fetcher.fetch(server.url('/busy')).catch((error: unknown) => error);
    expect(busy).toBeInstanceOf(FetchError);
    expect(busy).toMatchObject({ kind: 'http-status', status: 429, retryAfter: '120' });
    const down = await fetcher.fetch(server.url('/down')).catch((error: unknown) => error);
    expect(down).toMatchObject({ status: 503, retryAfter: 'Sun, 22 Nov 2026 18:00:00 GMT' });
  });

  it('reads Cache-Control max-age, ignoring it under no-store', async () => {
    expect(await fetcher.fetch(server.url('/cached'))).toMatchObject({ status: 'ok', maxAgeSeconds: 900 });
    expect((await fetcher.fetch(server.url('/no-store'))) as { maxAgeSeconds?: number }).not.toHaveProperty('maxAgeSeconds');
  });

  it('reports where a feed moved when every redirect was permanent (301/308), not after a temporary one', async () => {
    expect(await fetcher.fetch(server.url('/old'))).toMatchObject({ status: 'ok', movedPermanentlyTo: server.url('/cached') });
    expect(await fetcher.fetch(server.url('/temp'))).not.toHaveProperty('movedPermanentlyTo');
    expect(await fetcher.fetch(server.url('/mixed'))).not.toHaveProperty('movedPermanentlyTo');
  });

  it('names a 410 as gone for good', async () => {
    const gone = await fetcher.fetch(server.url('/gone')).catch((error: unknown) => error);
    expect(gone).toMatchObject({ status: 410 });
    expect((gone as Error).message).toBe(`fetch: 410 Gone for feed ${server.url('/gone')} (gone: the server says this feed was removed for good; it will not be polled again)`);
  });
});
