/**
 * The size DynamoDB bills an item by, from its wire form (AttributeValue maps),
 * for writes DynamoDB Local reports no capacity for (BatchExecuteStatement):
 * the store's own rules (lambdas/store/item-size.ts), applied to the item
 * unmarshalled (numbers kept as their digits). The rules, from the DynamoDB
 * developer guide, "Item sizes and formats":
 *  - an attribute costs the UTF-8 bytes of its name plus its value;
 *  - S: UTF-8 bytes; B: bytes; N: about one byte per two significant digits,
 *    plus one (at most 21); BOOL and NULL: 1 byte;
 *  - L and M: 3 bytes plus 1 byte per element, plus the elements (and, for M,
 *    the keys' UTF-8 bytes); SS/NS/BS: the sum of their members.
 * A write costs 1 WCU per started KB of the item (on-demand: 1 WRU).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { itemBytes as documentItemBytes, writeUnits } from '../lambdas/store/item-size.ts';

/** Bytes of an item given as attribute name → wire value: the store's rules (lambdas/store/item-size.ts) on its document form. */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return documentItemBytes(unmarshall(item, { wrapNumbers: true }));
}

/** Write units of putting the item: 1 per started KB, at least 1. */
export function itemWriteUnits(item: Record<string, AttributeValue>): number {
  return writeUnits(itemBytes(item));
}

/** The item an `INSERT INTO "t" VALUE {'a': ?, 'b': ?}` statement writes, from its parameters. */
export function insertedItem(statement: string, parameters: AttributeValue[]): Record<string, AttributeValue> {
  const names = [...statement.matchAll(/'((?:[^']|'')*)'\s*:\s*\?/g)].map((m) => m[1]!.replaceAll("''", "'"));
  return Object.fromEntries(names.map((name, i) => [name, parameters[i]!]));
}
