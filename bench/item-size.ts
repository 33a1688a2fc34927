/**
 * The size DynamoDB bills an item by, from its wire form (AttributeValue maps),
 * for writes DynamoDB Local reports no capacity for (BatchExecuteStatement).
 * Rules from the DynamoDB developer guide, "Item sizes and formats":
 *  - an attribute costs the UTF-8 bytes of its name plus its value;
 *  - S: UTF-8 bytes; B: bytes; N: about one byte per two significant digits,
 *    plus one (at most 21); BOOL and NULL: 1 byte;
 *  - L and M: 3 bytes plus 1 byte per element, plus the elements (and, for M,
 *    the keys' UTF-8 bytes); SS/NS/BS: the sum of their members.
 * A write costs 1 WCU per started KB of the item (on-demand: 1 WRU).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export function attributeValueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + attributeValueBytes(v), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k, 'utf8') + attributeValueBytes(v), 0);
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s, 'utf8'), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberBytes(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  return 0;
}

/** Bytes of an item given as attribute name → value. */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + attributeValueBytes(value), 0);
}

/** Write units of putting the item: 1 per started KB, at least 1. */
export function itemWriteUnits(item: Record<string, AttributeValue>): number {
  return Math.max(1, Math.ceil(itemBytes(item) / 1024));
}

function numberBytes(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/e.*$/i, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.min(21, Math.ceil(Math.max(1, digits.length) / 2) + 1);
}

/** The item an `INSERT INTO "t" VALUE {'a': ?, 'b': ?}` statement writes, from its parameters. */
export function insertedItem(statement: string, parameters: AttributeValue[]): Record<string, AttributeValue> {
  const names = [...statement.matchAll(/'((?:[^']|'')*)'\s*:\s*\?/g)].map((m) => m[1]!.replaceAll("''", "'"));
  return Object.fromEntries(names.map((name, i) => [name, parameters[i]!]));
}
