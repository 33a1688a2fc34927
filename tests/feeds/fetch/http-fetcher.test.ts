import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNonPublicAddress } from '../../../lambdas/feeds/fetch/address-guard.ts';
import { BlockedAddressError, BlockedUrlError, BodyTooLargeError, FetchError } from '../../../lambdas/feeds/fetch/errors.ts';
import { createHttpFetcher, DEFAULT_USER_AGENT } from '../../../lambdas/feeds/fetch/http-fetcher.ts';
import { fixed, startTestServer, type TestServer } from '../../support/http-server.ts';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let server: TestServer;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = await startTestServer({
    '/conditional': (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Sun, 22 Nov 2026 10:00:00 GMT' });
      response.end(FEED);
    },
    '/gzip': fixed(gzipSync(FEED), { 'content-encoding': 'gzip' }),
    '/br': fixed(brotliCompressSync(FEED), { 'content-encoding': 'br' }),
    '/deflate': fixed(deflateSync(FEED), { 'content-encoding': 'deflate' }),
    '/r1': redirect('/r2', 301),
    '/r2': redirect('/r3', 302),
    '/r3': redirect('/conditional', 307),
    '/loop-a': redirect('/loop-b', 302),
    '/loop-b': redirect('/loop-a', 302),
    ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`/chain${i}`, redirect(`/chain${i + 1}`, 302)])),
    '/chain7': fixed(FEED),
    '/to-file': redirect('file:///etc/passwd', 302),
    '/slow': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    },
    '/silent': () => undefined,
    '/huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    },
    '/huge-declared': fixed(Buffer.alloc(200_000, 0x20), { 'content-length': '200000' }),
    '/gzip-bomb': fixed(gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }),
    '/gone': fixed('gone', {}, 410),
    '/slow-ok': async (_request, response) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight--;
      response.writeHead(200, { 'content-type': 'application/xml' }).end(FEED);
    },
    '/to-other-loopback': (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.2:${new URL(server.origin).port}/conditional` }).end();
    },
  });
});

afterAll(() => server.close());

function redirect(location: string, status: number) {
  return fixed('', { location }, status);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the fetch to fail');
}

describe('createHttpFetcher', () => {
  it('sends a descriptive User-Agent, stores validators on 200 and gets a 304 when it sends them back', async () => {
    const fetcher = createHttpFetcher();
    const first = await fetcher.fetch(server.url('/conditional'));
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.body.toString()).toBe(FEED);
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: 'Sun, 22 Nov 2026 10:00:00 GMT' });

    const second = await fetcher.fetch(server.url('/conditional'), first.validators);
    expect(second).toMatchObject({ status: 'not_modified', httpStatus: 304 });
    const sent = server.requests.filter((r) => r.path === '/conditional').at(-1)!.headers;
    expect(sent['if-none-match']).toBe('"v1"');
    expect(sent['if-modified-since']).toBe('Sun, 22 Nov 2026 10:00:00 GMT');
    expect(sent['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(sent['accept-encoding']).toMatch(/gzip/);
    fetcher.close();
  });

  it.each(['/gzip', '/br', '/deflate'])('decompresses %s bodies', async (path) => {
    const result = await createHttpFetcher().fetch(server.url(path));
    expect(result.status === 'ok' && result.body.toString()).toBe(FEED);
  });

  it('follows a redirect chain and reports the final URL', async () => {
    const result = await createHttpFetcher().fetch(server.url('/r1'));
    expect(result).toMatchObject({ status: 'ok', url: server.url('/conditional') });
  });

  it('stops a redirect loop and a chain longer than five', async () => {
    const loop = await failure(createHttpFetcher().fetch(server.url('/loop-a')));
    expect(loop).toBeInstanceOf(FetchError);
    expect((loop as FetchError).kind).toBe('redirect-loop');
    expect(loop.message).toMatch(/^fetch: redirect loop: .*loop-a → .*loop-b → .*loop-a$/);

    const long = await failure(createHttpFetcher().fetch(server.url('/chain0')));
    expect(long.message).toMatch(/more than 5 redirects/);
    expect((long as FetchError).kind).toBe('too-many-redirects');
    expect(server.requests.some((r) => r.path === '/chain6')).toBe(false);
  });

  it('refuses non-http schemes, also as a redirect target', async () => {
    expect((await failure(createHttpFetcher().fetch('file:///etc/passwd'))).message).toMatch(/only http and https/);
    expect((await failure(createHttpFetcher().fetch(server.url('/to-file')))).message).toMatch(/only http and https.*file:/);
  });

  it('gives up on a server that trickles bytes past the deadline, and on one that never answers', async () => {
    const trickle = await failure(createHttpFetcher({ timeoutMs: 600, idleTimeoutMs: 5_000 }).fetch(server.url('/slow')));
    expect(trickle.message).toMatch(/no complete answer within 600 ms/);
    expect((trickle as FetchError).kind).toBe('deadline');
    const silent = await failure(createHttpFetcher({ timeoutMs: 20_000, idleTimeoutMs: 400 }).fetch(server.url('/silent')));
    expect(silent.message).toMatch(/no data for 400 ms/);
    expect((silent as FetchError).kind).toBe('idle');
  });

  it('aborts a streamed body at the size cap, including a declared length and a gzip bomb', async () => {
    const before = process.memoryUsage().rss;
    const endless = await failure(createHttpFetcher({ maxBytes: 1024 * 1024 }).fetch(server.url('/huge')));
    expect(endless.message).toMatch(/larger than the 1048576-byte cap/);
    expect(endless).toMatchObject({ kind: 'too-large', status: 200 });
    expect((endless as FetchError).cause).toBeInstanceOf(BodyTooLargeError);
    const declared = await failure(createHttpFetcher({ maxBytes: 100_000 }).fetch(server.url('/huge-declared')));
    expect(declared.message).toMatch(/larger than the 100000-byte cap/);
    const bomb = await failure(createHttpFetcher({ maxBytes: 1024 * 1024 }).fetch(server.url('/gzip-bomb')));
    expect(bomb.message).toMatch(/cap/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('turns an HTTP error into a readable sentence with the status', async () => {
    const error = (await failure(createHttpFetcher().fetch(server.url('/gone')))) as FetchError;
    expect(error.status).toBe(410);
    expect(error.kind).toBe('http-status');
    expect(error.message).toBe(`fetch: 410 Gone for feed ${server.url('/gone')} (gone: the server says this feed was removed for good; it will not be polled again)`);
  });

  it('keeps at most the configured number of requests in flight per host', async () => {
    maxInFlight = 0;
    const fetcher = createHttpFetcher({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(server.url('/slow-ok'))));
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(maxInFlight).toBeGreaterThanOrEqual(1);
  });
});

describe('the private-address guard', () => {
  it('allows loopback when off (the CLI default)', async () => {
    expect((await createHttpFetcher().fetch(server.url('/conditional'))).status).toBe('ok');
  });

  it('refuses literal loopback, the metadata address and host names resolving to loopback when on', async () => {
    const fetcher = createHttpFetcher({ blockPrivateAddresses: true, timeoutMs: 5_000 });
    const before = server.requests.length;
    const literal = await failure(fetcher.fetch(server.url('/conditional')));
    expect(literal).toBeInstanceOf(BlockedUrlError);
    expect((literal as BlockedUrlError).kind).toBe('blocked-address');
    expect((literal as BlockedUrlError).cause).toBeInstanceOf(BlockedAddressError);
    expect(literal.message).toMatch(/refused http:\/\/127\.0\.0\.1:\d+\/conditional: 127\.0\.0\.1 is not a public address/);
    const metadata = await failure(fetcher.fetch('http://169.254.169.254/latest/meta-data/'));
    expect(metadata).toBeInstanceOf(BlockedUrlError);
    const named = await failure(fetcher.fetch(`http://localhost:${new URL(server.origin).port}/conditional`));
    expect(named).toBeInstanceOf(BlockedUrlError);
    expect(named.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);
    expect(server.requests.length).toBe(before);
  });

  it('checks the address again after a redirect', async () => {
    // Treat 127.0.0.1 as public so the first hop connects; the redirect to 127.0.0.2 must be refused.
    const fetcher = createHttpFetcher({ blockPrivateAddresses: true, isBlockedAddress: (a) => a !== '127.0.0.1' });
    const error = await failure(fetcher.fetch(server.url('/to-other-loopback')));
    expect(error).toBeInstanceOf(BlockedUrlError);
    expect(error.message).toMatch(/127\.0\.0\.2 is not a public address/);
  });
});

describe('isNonPublicAddress', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.1', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['fe80::1', true], ['fd00::1', true], ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true], ['::ffff:a9fe:a9fe', true], ['not-an-ip', true],
    ['8.8.8.8', false], ['190.216.184.1', false], ['2800:200::1', false], ['::ffff:8.8.8.8', false],
  ])('%s → %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});
