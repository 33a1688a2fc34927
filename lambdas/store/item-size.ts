/**
 * The size DynamoDB bills an item by, computed from the item as the store
 * hands it to the document client (pure: no I/O). The document client
 * marshalls a string as S, a number as N, a boolean as BOOL, null as NULL, a
 * Uint8Array as B, an array as L, a Set as SS/NS/BS and any other object as
 * M, and drops undefined attributes (the store's clients set
 * `removeUndefinedValues`). Sizes, from the DynamoDB developer guide, "Item
 * sizes and formats":
 *  - an attribute costs the UTF-8 bytes of its name plus its value;
 *  - S: UTF-8 bytes; B: bytes; N: about one byte per two significant digits,
 *    plus one (at most 21); BOOL and NULL: 1 byte;
 *  - L and M: 3 bytes plus 1 byte per element, plus the elements (and, for M,
 *    the keys' UTF-8 bytes); SS/NS/BS: the sum of their members.
 * A write costs 1 write unit per started KB of the item (on-demand: 1 WRU).
 * A number may also come as the util's NumberValue (its digits as a string),
 * as `unmarshall(…, { wrapNumbers: true })` gives it: bench/item-size.ts sizes
 * the wire form that way, and tests/bench/item-size.int.test.ts checks the
 * rules against the write units DynamoDB Local reports.
 */
import { NumberValueImpl } from '@aws-sdk/util-dynamodb';

/** Bytes of an item given as attribute name → value; undefined attributes count nothing. */
export function itemBytes(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const name in item) {
    const value = item[name];
    if (value !== undefined) bytes += Buffer.byteLength(name, 'utf8') + valueBytes(value);
  }
  return bytes;
}

/** Bytes of one attribute value, as the document client marshalls it. */
export function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(String(value));
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof NumberValueImpl) return numberBytes(value.value);
  if (Array.isArray(value)) {
    let bytes = 3;
    for (const element of value) if (element !== undefined) bytes += 1 + valueBytes(element);
    return bytes;
  }
  if (value instanceof Set) {
    let bytes = 0;
    for (const member of value) bytes += valueBytes(member);
    return bytes;
  }
  if (typeof value === 'object') {
    let bytes = 3;
    for (const [key, member] of Object.entries(value)) if (member !== undefined) bytes += 1 + Buffer.byteLength(key, 'utf8') + valueBytes(member);
    return bytes;
  }
  return 0;
}

/** Write units of putting an item of `bytes` bytes: 1 per started KB, at least 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

function numberBytes(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/e.*$/i, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.min(21, Math.ceil(Math.max(1, digits.length) / 2) + 1);
}
