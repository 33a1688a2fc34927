/**
 * Plain (unconditional) puts of many items through BatchWriteItem:
 *  1. split into requests of at most 25 items (DynamoDB's limit);
 *  2. send each; put again whatever DynamoDB hands back as UnprocessedItems,
 *     after a jittered backoff, up to MAX_ATTEMPTS sends per request
 *     (retry-unprocessed.ts);
 *  3. give up with a StoreError naming how many were left.
 * Only for items whose keys are deterministic and whose content is the same
 * whoever writes them (index items), so writing one twice is harmless.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item } from './article-items.ts';
import { MAX_ATTEMPTS, sendUntilProcessed } from './retry-unprocessed.ts';

export const MAX_BATCH_WRITE_ITEMS = 25;

type PutRequest = { PutRequest: { Item: Record<string, unknown> } };

export async function batchPutItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
  onConsumedCapacity?: (operation: string, units: number) => void,
): Promise<void> {
  for (let start = 0; start < items.length; start += MAX_BATCH_WRITE_ITEMS) {
    const requests: PutRequest[] = items.slice(start, start + MAX_BATCH_WRITE_ITEMS).map((Item) => ({ PutRequest: { Item } }));
    await sendUntilProcessed(
      requests,
      async (pending) => {
        const result: BatchWriteCommandOutput = await client.send(
          new BatchWriteCommand({
            RequestItems: { [tableName]: pending },
            ...(onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
          }),
        );
        onConsumedCapacity?.('BatchWriteItem', (result.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0));
        return (result.UnprocessedItems?.[tableName] ?? []) as PutRequest[];
      },
      (left) => `DynamoDB kept ${left} index writes unprocessed after ${MAX_ATTEMPTS} attempts; storing the article again completes them`,
    );
  }
}
