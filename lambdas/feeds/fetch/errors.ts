/**
 * The fetch stage's errors. One bad feed never fails a poll: the poller records
 * the message on the feed's state and moves on. Callers tell kinds apart with
 * `instanceof` and `kind`, never by `name`.
 */

/** What went wrong with a download, for callers that react to one case (metrics, retries, tests). */
export type FetchErrorKind =
  | 'http-status' // the server answered outside 2xx/3xx; `status` holds the code
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'deadline' // no complete answer within the per-hop deadline
  | 'idle' // no bytes for the idle timeout (connecting or reading)
  | 'too-large' // the body passed the size cap (after decompression)
  | 'unreadable-body' // the stream broke while reading (reset, bad gzip…)
  | 'network' // DNS, connect or TLS failure; `cause` is the Node error
  | 'invalid-url'
  | 'unsupported-scheme' // only http and https are fetched
  | 'blocked-address'; // the URL (or a redirect) leads to a non-public address while the guard is on

/** A download that failed; message `fetch: …` names the URL. `status` is the HTTP status when there was one. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly status?: number;
  /** The server's Retry-After header (delay in seconds or an HTTP date), as sent with a 429 or 503. */
  readonly retryAfter?: string;
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly url: string,
    options: { status?: number; cause?: unknown; retryAfter?: string } = {},
  ) {
    super(`fetch: ${message}`, { cause: options.cause });
    this.status = options.status;
    if (options.retryAfter) this.retryAfter = options.retryAfter;
  }
}

/** The URL (or a redirect) leads to a non-public address while the guard is on; `cause` is the BlockedAddressError. */
export class BlockedUrlError extends FetchError {
  override name = 'BlockedUrlError';
  constructor(message: string, url: string, cause: BlockedAddressError) {
    super('blocked-address', message, url, { cause });
  }
}

/**
 * Raised inside the fetcher by the address guard (at DNS lookup or for a literal
 * IP); the fetcher wraps it in a BlockedUrlError that names the URL.
 * `code` lets Node's socket code carry it like an errno error.
 */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly kind = 'blocked-address';
  readonly code = 'EBLOCKEDADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      host === address
        ? `${address} is not a public address`
        : `${host} resolves to ${address}, which is not a public address`,
    );
  }
}

/** Raised by readBody when a body passes `maxBytes`; the fetcher wraps it in a FetchError of kind 'too-large'. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  readonly kind = 'too-large';
  constructor(readonly maxBytes: number) {
    super(`response is larger than the ${maxBytes}-byte cap`);
  }
}
