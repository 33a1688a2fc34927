/**
 * The store stage's errors, and the one translation of SDK errors it makes
 * (an unreachable database). SDK errors it does not expect are rethrown as
 * they are. Callers use `instanceof` and `kind`, never `name`.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type StoreErrorKind =
  | 'unavailable' // the database could not be reached at all (as opposed to refusing a request)
  | 'invalid-cursor' // a page cursor this store did not hand out, or for another listing
  | 'invalid-page-limit'
  | 'invalid-date' // a date that can't become a sort key
  | 'unprocessed' // DynamoDB kept returning unprocessed items after every retry
  | 'contention' // other writers kept changing the same item
  | 'corrupt-body' // an article's compressed summary and text could not be read back
  | 'refused'; // DynamoDB refused a statement of a batch for a reason no retry fixes

/** Message `store: …`; `cause` is the SDK or network error when there was one. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`store: ${message}`, options);
  }
}

/** A page cursor that this store did not hand out (or for another listing). */
export class InvalidCursorError extends StoreError {
  override name = 'InvalidCursorError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-cursor', message, options);
  }
}

/**
 * The database could not be reached at all. No single feed or subscriber is at
 * fault, so callers end the run (and SQS retries) instead of recording failures.
 */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', message, options);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/**
 * Turns "connect ECONNREFUSED 127.0.0.1:8000" into a StoreUnavailableError whose
 * sentence names the database and the fix. Added once to the client, outermost,
 * so it sees the error only after the SDK's own retries have given up.
 */
export function explainUnreachableStore(client: DynamoDBClient, where: string): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !NETWORK_CODES.has(code)) throw error;
        throw new StoreUnavailableError(
          `DynamoDB at ${where} is unreachable (${code}). If it is DynamoDB Local, it has stopped: ` +
            'run the command again to start it; nothing already stored is lost.',
          { cause: error },
        );
      }
    },
    { step: 'initialize', name: 'explainUnreachableStore', priority: 'high' },
  );
}
