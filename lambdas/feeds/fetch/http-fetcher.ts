/**
 * The real FeedFetcher: node:http/https rather than fetch(), because the SSRF
 * guard needs the socket's `lookup`, and the caps need the raw stream.
 *  - descriptive User-Agent, conditional GET (If-None-Match / If-Modified-Since)
 *  - gzip, deflate, br; the size cap applies to the decompressed bytes too
 *  - an idle timeout (connect or read stalls) and a deadline for each hop
 *  - at most `maxRedirects` redirects, loops detected, only http and https
 *  - at most `perHostConcurrency` requests in flight per host
 *  - optionally, no non-public addresses (checked on every hop, at connect time)
 *  - a reused keep-alive connection the server had already closed (ECONNRESET,
 *    EPIPE on `request.reusedSocket`) is retried once on a fresh connection, as
 *    the Node.js docs advise for keep-alive agents
 *  - a 429 or 503 carries its Retry-After; a 200 its Cache-Control max-age; a
 *    chain of permanent redirects (301/308) the URL the feed moved to
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assertLiteralAddressAllowed, guardedLookup, isNonPublicAddress, type AddressPolicy } from './address-guard.ts';
import { BlockedAddressError, BlockedUrlError, BodyTooLargeError, FetchError } from './errors.ts';
import type { FeedFetcher, FetchKind, FetchResult, Validators } from './feed-fetcher.ts';
import { httpUrl } from '../../model/http-url.ts';
import { createHostLimiter } from './host-limiter.ts';
import { readBody } from './read-body.ts';

export interface HttpFetcherOptions {
  userAgent?: string;
  /** Deadline for one request (connect, headers and body), per redirect hop. Default 20 s. */
  timeoutMs?: number;
  /** No bytes for this long (connecting or reading) aborts. Default 10 s. */
  idleTimeoutMs?: number;
  /** Largest body accepted, after decompression. Default 10 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default 2. */
  perHostConcurrency?: number;
  /** Refuse loopback, private, link-local and other non-public addresses (on in Lambda). Default false. */
  blockPrivateAddresses?: boolean;
  /** Which addresses count as blocked; tests narrow it. Defaults to isNonPublicAddress. */
  isBlockedAddress?: AddressPolicy;
}

export interface HttpFetcher extends FeedFetcher {
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export const DEFAULT_USER_AGENT =
  'Centinela/0.1 (+https://github.com/centinela-peru/centinela; Peru crime-news monitor; polls feeds every 15 min)';

const ACCEPT: Record<FetchKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createHttpFetcher(options: HttpFetcherOptions = {}): HttpFetcher {
  const settings = {
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: options.timeoutMs ?? 20_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
  };
  const isBlocked = options.blockPrivateAddresses ? (options.isBlockedAddress ?? isNonPublicAddress) : undefined;
  const lookup = isBlocked ? guardedLookup(isBlocked) : undefined;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  const limiter = createHostLimiter(options.perHostConcurrency ?? 2);

  async function fetchFeed(url: string, validators: Validators = {}, kind: FetchKind = 'feed'): Promise<FetchResult> {
    const headers: Record<string, string> = {
      'user-agent': settings.userAgent,
      accept: ACCEPT[kind],
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

    const visited: string[] = [];
    let current = parseHttpUrl(url, url);
    let permanent = true;
    for (;;) {
      visited.push(current.href);
      const hop = await limiter.run(current.host, () => requestOnce(current, headers, kind));
      if (hop.kind === 'redirect') {
        permanent &&= hop.status === 301 || hop.status === 308;
        if (visited.length > settings.maxRedirects) {
          throw new FetchError('too-many-redirects', `more than ${settings.maxRedirects} redirects starting at ${url}`, url, { status: hop.status });
        }
        const next = parseHttpUrl(hop.location, url, current);
        if (visited.includes(next.href)) {
          throw new FetchError('redirect-loop', `redirect loop: ${[...visited, next.href].join(' → ')}`, url, { status: hop.status });
        }
        current = next;
        continue;
      }
      if (hop.kind === 'not_modified') return { status: 'not_modified', url: current.href, httpStatus: 304 };
      const moved = permanent && visited.length > 1 ? { movedPermanentlyTo: current.href } : {};
      const maxAge = hop.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: hop.maxAgeSeconds };
      return { status: 'ok', url: current.href, httpStatus: hop.status, body: hop.body, contentType: hop.contentType, validators: hop.validators, ...moved, ...maxAge };
    }
  }

  type Hop =
    | { kind: 'redirect'; status: number; location: string }
    | { kind: 'not_modified' }
    | { kind: 'ok'; status: number; body: Buffer; contentType?: string; validators: Validators; maxAgeSeconds?: number };

  function requestOnce(url: URL, headers: Record<string, string>, kind: FetchKind, fresh = false): Promise<Hop> {
    if (isBlocked) {
      try {
        assertLiteralAddressAllowed(url.hostname, isBlocked);
      } catch (error) {
        return Promise.reject(error instanceof BlockedAddressError ? blockedError(url, error) : error);
      }
    }
    return new Promise<Hop>((resolve, reject) => {
      let settled = false;
      const retryFresh = () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        request.destroy();
        requestOnce(url, headers, kind, true).then(resolve, reject);
      };
      const finish = (error: Error | undefined, hop?: Hop) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error) {
          request.destroy();
          reject(error);
        } else resolve(hop!);
      };
      const deadline = setTimeout(
        () => finish(new FetchError('deadline', `no complete answer within ${settings.timeoutMs} ms from ${url.href}`, url.href)),
        settings.timeoutMs,
      );
      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(
        url,
        {
          method: 'GET',
          headers,
          // A retry after a reset gets a connection of its own (agent: false), never the pool's.
          agent: fresh ? false : agents[url.protocol as 'http:' | 'https:'],
          lookup: lookup as LookupFunction | undefined,
          timeout: settings.idleTimeoutMs,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (REDIRECTS.has(status) && location) {
            response.destroy();
            return finish(undefined, { kind: 'redirect', status, location });
          }
          if (status === 304) {
            response.resume();
            return finish(undefined, { kind: 'not_modified' });
          }
          if (status < 200 || status > 299) {
            response.destroy();
            const what = kind === 'page' ? 'page' : 'feed';
            const retryAfter = status === 429 || status === 503 ? firstHeader(response.headers['retry-after']) : undefined;
            const hint = status === 410 ? ' (gone: the server says this feed was removed for good; it will not be polled again)' : '';
            return finish(
              new FetchError('http-status', `${status} ${response.statusMessage ?? ''} for ${what} ${url.href}${hint}`.replace('  ', ' '), url.href, { status, ...(retryAfter ? { retryAfter } : {}) }),
            );
          }
          readBody(response, settings.maxBytes).then(
            (body) =>
              finish(undefined, {
                kind: 'ok',
                status,
                body,
                contentType: response.headers['content-type'],
                validators: { etag: response.headers.etag, lastModified: response.headers['last-modified'] },
                maxAgeSeconds: maxAge(response.headers['cache-control']),
              }),
            (error: Error) =>
              finish(
                error instanceof BodyTooLargeError
                  ? new FetchError('too-large', `${error.message} from ${url.href}`, url.href, { status, cause: error })
                  : new FetchError('unreadable-body', `could not read the body of ${url.href} (${error.message})`, url.href, { status, cause: error }),
              ),
          );
        },
      );
      request.on('timeout', () =>
        finish(new FetchError('idle', `no data for ${settings.idleTimeoutMs} ms from ${url.href}`, url.href)),
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof BlockedAddressError) return finish(blockedError(url, error));
        if (!fresh && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) return retryFresh();
        finish(new FetchError('network', `network error ${error.code ?? error.message} for ${url.href}`, url.href, { cause: error }));
      });
      request.end();
    });
  }

  return {
    fetch: fetchFeed,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/** Cache-Control max-age in seconds (s-maxage is for shared caches; no-store/no-cache mean none). */
function maxAge(cacheControl: string | undefined): number | undefined {
  if (!cacheControl || /\bno-(store|cache)\b/i.test(cacheControl)) return undefined;
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  return match ? Number(match[1]) : undefined;
}

function parseHttpUrl(raw: string, original: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError('invalid-url', `"${raw}" is not a valid URL${base ? ` (redirect from ${base.href})` : ''}`, original);
  }
  if (!httpUrl(url.href)) {
    const via = base ? ` (redirect from ${base.href})` : '';
    throw new FetchError('unsupported-scheme', `only http and https URLs can be fetched, not ${url.protocol} (${url.href})${via}`, original);
  }
  url.hash = '';
  return url;
}

function blockedError(url: URL, cause: BlockedAddressError): BlockedUrlError {
  return new BlockedUrlError(
    `refused ${url.href}: ${cause.message} (private addresses are blocked; see "Private addresses" in docs/feeds.md)`,
    url.href,
    cause,
  );
}
