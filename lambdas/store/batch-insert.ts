/**
 * Conditional puts in batches: PartiQL `INSERT` statements sent 25 at a time
 * with `BatchExecuteStatement`.
 *
 * BatchWriteItem takes no condition, but a PartiQL INSERT is a put on
 * condition that no item has the key: "If the item already exists, INSERT
 * fails with a DuplicateItem error" (DynamoDB developer guide, "PartiQL insert
 * statements for DynamoDB"), and BatchExecuteStatement answers each statement
 * on its own, in order (API reference, BatchExecuteStatement: at most 25
 * statements, all reads or all writes). It is billed like a PutItem of the
 * same item, and needs the IAM action `dynamodb:PartiQLInsert`.
 *
 *  1. one INSERT per item, its top-level attributes as parameters (`?`);
 *  2. 25 statements a request, `concurrency` requests in flight;
 *  3. a statement answered with a throttling or transient error is sent again
 *     after a jittered backoff, up to MAX_ATTEMPTS sends (retry-unprocessed.ts);
 *  4. every other per-statement error ends the call with a StoreError of kind
 *     'refused' naming the key and DynamoDB's code and message.
 * Errors of a whole request (the database unreachable, throttled) pass
 * through as the SDK raises them, after its own retries.
 */
import { BatchExecuteStatementCommand, type BatchExecuteStatementCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapLimited } from '../concurrency/map-limited.ts';
import type { Item } from './article-items.ts';
import { chunk } from './batch-put.ts';
import { StoreError } from './errors.ts';
import { MAX_ATTEMPTS, sendUntilProcessed } from './retry-unprocessed.ts';

/** BatchExecuteStatement's limit. */
export const MAX_BATCH_STATEMENTS = 25;

/** Per-statement codes that a later send may succeed on (API reference, BatchStatementError). */
const TRANSIENT = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded', 'InternalServerError', 'TransactionConflict']);
/** The key is taken: DuplicateItem for an INSERT (ConditionalCheckFailed accepted as the same answer). */
const TAKEN = new Set(['DuplicateItem', 'ConditionalCheckFailed']);

export interface InsertOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Called with the capacity each request consumed, when DynamoDB reports it (DynamoDB Local does not). */
  onConsumedCapacity?: (operation: string, units: number) => void;
}

/**
 * Inserts each of `items` unless an item with its key exists. Resolves to one
 * answer per item, in order: 'inserted', or 'taken' when the key was already
 * there (nothing written). Throws StoreError 'unprocessed' when throttling
 * outlasts the retries and 'refused' on any other per-statement error.
 */
export async function insertIfAbsent(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
  options: InsertOptions,
): Promise<('inserted' | 'taken')[]> {
  const answers: ('inserted' | 'taken')[] = new Array(items.length);
  const indexed = items.map((item, index) => ({ item, index }));
  const capacity = options.onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {};
  await mapLimited(chunk(indexed, MAX_BATCH_STATEMENTS), options.concurrency, (statements) =>
    sendUntilProcessed(
      statements,
      async (pending) => {
        const result: BatchExecuteStatementCommandOutput = await client.send(
          new BatchExecuteStatementCommand({ Statements: pending.map(({ item }) => insertStatement(tableName, item)), ...capacity }),
        );
        if (result.ConsumedCapacity) options.onConsumedCapacity?.('BatchExecuteStatement', result.ConsumedCapacity.reduce((t, c) => t + (c.CapacityUnits ?? 0), 0));
        const again: typeof pending = [];
        pending.forEach((entry, i) => {
          const error = result.Responses?.[i]?.Error;
          if (!error?.Code) answers[entry.index] = 'inserted';
          else if (TAKEN.has(error.Code)) answers[entry.index] = 'taken';
          else if (TRANSIENT.has(error.Code)) again.push(entry);
          else {
            throw new StoreError('refused', `DynamoDB refused to insert ${entry.item.pk} / ${entry.item.sk}: ${error.Code}: ${error.Message ?? ''}`);
          }
        });
        return again;
      },
      (left) => `DynamoDB kept ${left} inserts throttled after ${MAX_ATTEMPTS} attempts; polling the feed again stores them`,
    ),
  );
  return answers;
}

/** `INSERT INTO "<table>" VALUE {'<name>': ?, …}` with the item's defined attributes as parameters, in order. */
export function insertStatement(tableName: string, item: Item): { Statement: string; Parameters: unknown[] } {
  const entries = Object.entries(item).filter(([, value]) => value !== undefined);
  const quote = (name: string) => `'${name.replaceAll("'", "''")}'`;
  return {
    Statement: `INSERT INTO "${tableName.replaceAll('"', '""')}" VALUE {${entries.map(([name]) => `${quote(name)}: ?`).join(', ')}}`,
    Parameters: entries.map(([, value]) => value),
  };
}
