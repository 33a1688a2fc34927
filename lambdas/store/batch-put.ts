/**
 * Many items in few requests:
 *  1. split into requests of at most 25 writes (BatchWriteItem) or 100 keys
 *     (BatchGetItem), DynamoDB's limits;
 *  2. send up to `concurrency` requests at a time;
 *  3. send again whatever DynamoDB hands back as UnprocessedItems /
 *     UnprocessedKeys, after a jittered exponential backoff, up to
 *     MAX_ATTEMPTS sends per request (retry-unprocessed.ts, the one loop);
 *  4. give up with a StoreError of kind 'unprocessed' naming how many were left.
 * Batch writes carry no condition: only for items whose keys and content
 * follow from data already stored (index items), or whose repetition is
 * harmless (deleting a pending-write item), so writing one twice is harmless.
 * Limits: DynamoDB API reference, BatchWriteItem and BatchGetItem.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchGetCommandOutput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { mapLimited } from '../concurrency/map-limited.ts';
import type { Item } from './article-items.ts';
import { MAX_ATTEMPTS, sendUntilProcessed } from './retry-unprocessed.ts';

export const MAX_BATCH_WRITE_ITEMS = 25;
export const MAX_BATCH_GET_KEYS = 100;
/** Batch requests of one call in flight at a time, by default. */
export const BATCH_CONCURRENCY = 4;

export type Key = { pk: string; sk: string };
export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Key } };
type CapacityReport = (operation: string, units: number) => void;

export interface BatchOptions {
  onConsumedCapacity?: CapacityReport;
  /** Requests in flight at once (default BATCH_CONCURRENCY). */
  concurrency?: number;
}

/** Plain puts of `items`, 25 a request; see the module comment. */
export function batchPutItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
  onConsumedCapacity?: CapacityReport,
  concurrency = BATCH_CONCURRENCY,
): Promise<void> {
  return batchWrite(client, tableName, items.map((Item) => ({ PutRequest: { Item } })), { onConsumedCapacity, concurrency });
}

/** Puts and deletes, 25 a request, `concurrency` requests in flight; unprocessed ones sent again with backoff. */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  writes: WriteRequest[],
  options: BatchOptions = {},
): Promise<void> {
  const capacity = options.onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {};
  await mapLimited(chunk(writes, MAX_BATCH_WRITE_ITEMS), options.concurrency ?? BATCH_CONCURRENCY, (requests) =>
    sendUntilProcessed(
      requests,
      async (pending) => {
        const result: BatchWriteCommandOutput = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending }, ...capacity }));
        options.onConsumedCapacity?.('BatchWriteItem', sumCapacity(result.ConsumedCapacity));
        return (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      },
      (left) => `DynamoDB kept ${left} writes unprocessed after ${MAX_ATTEMPTS} attempts; polling the feed again completes them`,
    ),
  );
}

export interface BatchGetOptions extends BatchOptions {
  /** Attribute names to read (ProjectionExpression); the whole item when absent. */
  attributes?: readonly string[];
  consistent?: boolean;
}

/** The items stored under `keys` (absent ones left out, in no particular order), 100 keys a request. */
export async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: Key[],
  options: BatchGetOptions = {},
): Promise<Record<string, unknown>[]> {
  const projection = options.attributes
    ? {
        ProjectionExpression: options.attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.attributes.map((name, i) => [`#a${i}`, name])),
      }
    : {};
  const capacity = options.onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {};
  const found: Record<string, unknown>[] = [];
  await mapLimited(chunk(unique(keys), MAX_BATCH_GET_KEYS), options.concurrency ?? BATCH_CONCURRENCY, (requests) =>
    sendUntilProcessed<Record<string, unknown>>(
      requests,
      async (pending) => {
        const result: BatchGetCommandOutput = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent, ...projection } }, ...capacity }),
        );
        options.onConsumedCapacity?.('BatchGetItem', sumCapacity(result.ConsumedCapacity));
        found.push(...(result.Responses?.[tableName] ?? []));
        return result.UnprocessedKeys?.[tableName]?.Keys ?? [];
      },
      (left) => `DynamoDB kept ${left} reads unprocessed after ${MAX_ATTEMPTS} attempts; try again later`,
    ),
  );
  return found;
}

/** `items` in order, cut into lists of at most `size` (the last may be shorter); [] for none. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

function unique(keys: Key[]): Key[] {
  const seen = new Map<string, Key>();
  for (const key of keys) seen.set(`${key.pk}\u0000${key.sk}`, { pk: key.pk, sk: key.sk });
  return [...seen.values()];
}

function sumCapacity(consumed: { CapacityUnits?: number }[] | undefined): number {
  return (consumed ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
}
