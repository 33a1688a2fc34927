/**
 * Plain (unconditional) puts of many items through BatchWriteItem:
 *  1. split into requests of at most 25 items (DynamoDB's limit);
 *  2. send each; put again whatever DynamoDB hands back as UnprocessedItems,
 *     after a jittered backoff, up to MAX_ATTEMPTS sends per request;
 *  3. give up with a StoreError naming how many were left.
 * Only for items whose keys are deterministic and whose content is the same
 * whoever writes them (index items), so writing one twice is harmless.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from './article-items.ts';
import { StoreError } from './errors.ts';

export const MAX_BATCH_WRITE_ITEMS = 25;
export const MAX_ATTEMPTS = 5;

type PutRequest = { PutRequest: { Item: Record<string, unknown> } };

export async function batchPutItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
  onConsumedCapacity?: (operation: string, units: number) => void,
): Promise<void> {
  for (let start = 0; start < items.length; start += MAX_BATCH_WRITE_ITEMS) {
    let requests: PutRequest[] = items.slice(start, start + MAX_BATCH_WRITE_ITEMS).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new StoreError('unprocessed', `DynamoDB kept ${requests.length} index writes unprocessed after ${MAX_ATTEMPTS} attempts; storing the article again completes them`);
      }
      if (attempt > 1) await pause(attempt);
      const result: BatchWriteCommandOutput = await client.send(
        new BatchWriteCommand({
          RequestItems: { [tableName]: requests },
          ...(onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
        }),
      );
      onConsumedCapacity?.('BatchWriteItem', (result.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as PutRequest[];
    }
  }
}

/** Backoff with jitter between attempts: 20 ms, 40 ms, 80 ms… */
export function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));
}
