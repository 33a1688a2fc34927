import { FetchError } from './errors.ts';
import type { FeedFetcher, FetchResult, Validators } from './feed-fetcher.ts';

export interface HttpFetcherOptions {
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export const DEFAULT_USER_AGENT = 'Centinela/0.1 (+https://github.com/centinela-peru/centinela; crime-news monitor)';

/** Fetches over HTTP(S) with conditional requests, a deadline and a size cap. */
export function createHttpFetcher(options: HttpFetcherOptions = {}): FeedFetcher {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;

  return {
    async fetch(url: string, validators: Validators = {}): Promise<FetchResult> {
      assertHttpUrl(url);
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(url, { headers, signal, redirect: 'follow' });
      } catch (error) {
        throw new FetchError(`${describeNetworkError(error, timeoutMs)} for ${url}`, url, undefined, { cause: error });
      }
      if (response.status === 304) return { status: 'not_modified', url: response.url || url, httpStatus: 304 };
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(`${response.status} ${response.statusText} for ${url}`, url, response.status);
      }
      const body = await readCapped(response, url, maxBytes);
      return {
        status: 'ok',
        url: response.url || url,
        httpStatus: response.status,
        body,
        contentType: response.headers.get('content-type') ?? undefined,
        validators: {
          etag: response.headers.get('etag') ?? undefined,
          lastModified: response.headers.get('last-modified') ?? undefined,
        },
      };
    },
  };
}

function assertHttpUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new FetchError(`"${url}" is not a valid URL`, url);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new FetchError(`only http and https URLs can be fetched, not ${protocol} (${url})`, url);
  }
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new FetchError(`response is larger than the ${maxBytes}-byte cap for ${url}`, url, response.status);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no complete answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ? `network error ${cause.code}` : `network error (${(error as Error).message})`;
}
