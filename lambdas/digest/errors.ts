/**
 * The digest stage's errors. One subscriber's failed digest never stops the
 * others: send-digests records it as an outcome; only the run as a whole fails.
 */

export type DigestErrorKind = 'digests-failed'; // a run sent what it could and some digests failed

/** Message `send-digests: …` (the job's name, as the owner sees it in the alarm). */
export class DigestError extends Error {
  override name = 'DigestError';
  constructor(
    readonly kind: DigestErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`send-digests: ${message}`, options);
  }
}

/** Some digests of a run failed after the rest went out; the next run retries them. */
export class DigestsFailedError extends DigestError {
  override name = 'DigestsFailedError';
  constructor(
    readonly failed: number,
    readonly total: number,
  ) {
    super('digests-failed', `${failed} of ${total} digests failed; the next run retries them (see the logs)`);
  }
}
