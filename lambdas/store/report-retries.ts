import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RetriedRequest {
  operation: string;
  /** Attempts the SDK made, the successful one included. */
  attempts: number;
  /** Time the SDK spent backing off between attempts. */
  totalRetryDelayMs: number;
}

/**
 * Reports every DynamoDB request that succeeded only after retries (throttling,
 * a dropped connection), so runs can log how often they were slowed down.
 * The SDK keeps these counts in each response's $metadata; this surfaces them.
 */
export function reportRetries(client: DynamoDBClient, report: (retry: RetriedRequest) => void): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const metadata = (result.output as { $metadata?: { attempts?: number; totalRetryDelay?: number } }).$metadata;
      if (metadata?.attempts && metadata.attempts > 1) {
        report({
          operation: String(context.commandName ?? 'unknown').replace(/Command$/, ''),
          attempts: metadata.attempts,
          totalRetryDelayMs: metadata.totalRetryDelay ?? 0,
        });
      }
      return result;
    },
    { step: 'initialize', name: 'reportRetries' },
  );
}
