import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The database could not be reached at all (as opposed to refusing a request). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/**
 * Turns "connect ECONNREFUSED 127.0.0.1:8000" into a sentence that names the
 * database and the fix. Added once to the client, outermost, so it sees the
 * error only after the SDK's own retries have given up.
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
          `store: DynamoDB at ${where} is unreachable (${code}). If it is DynamoDB Local, it has stopped: ` +
            'run the command again to start it; nothing already stored is lost.',
          { cause: error },
        );
      }
    },
    { step: 'initialize', name: 'explainUnreachableStore', priority: 'high' },
  );
}
