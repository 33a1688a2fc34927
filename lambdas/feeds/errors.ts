/** One bad feed or item never fails a poll; these name what went wrong and where. */

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`fetch: ${message}`, options);
  }
}

/** The URL (or a redirect) leads to a non-public address while the guard is on. */
export class BlockedUrlError extends FetchError {
  override name = 'BlockedUrlError';
}

export class FeedParseError extends Error {
  override name = 'FeedParseError';
  constructor(message: string, readonly url: string, options?: { cause?: unknown }) {
    super(`parse: ${message}`, options);
  }
}
