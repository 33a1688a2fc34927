import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemBytes as wireItemBytes } from '../../bench/item-size.ts';
import { itemBytes, valueBytes, writeUnits } from '../../lambdas/store/item-size.ts';

describe('itemBytes: the size DynamoDB bills an item by', () => {
  it('counts each attribute name and value in UTF-8 bytes, per the developer guide', () => {
    expect(itemBytes({ pk: 'ARTICLE#ab' })).toBe(2 + 10);
    expect(itemBytes({ título: 'ñandú' })).toBe(7 + 7);
    expect(itemBytes({ body: new Uint8Array(300) })).toBe(4 + 300);
    expect(itemBytes({ ok: true, none: null })).toBe(2 + 1 + 4 + 1);
  });

  it('counts a number by its significant digits, lists and maps with 3 bytes plus 1 per element', () => {
    expect(valueBytes(1_795_000_000)).toBe(Math.ceil(4 / 2) + 1);
    expect(valueBytes(-12.5)).toBe(Math.ceil(3 / 2) + 1);
    expect(valueBytes(['PE', 'EC'])).toBe(3 + (1 + 2) + (1 + 2));
    expect(valueBytes([{ feedId: 'rpp' }])).toBe(3 + 1 + (3 + 1 + 6 + 3));
    expect(valueBytes(new Set(['a', 'bc']))).toBe(3);
  });

  it('leaves out undefined attributes and members, as the store’s clients do (removeUndefinedValues)', () => {
    expect(itemBytes({ pk: 'x', author: undefined })).toBe(3);
    expect(valueBytes({ feedId: 'rpp', via: undefined })).toBe(3 + 1 + 6 + 3);
  });

  it('gives the same size for the wire form the document client sends (as bench/item-size.ts counts it), on random items', () => {
    const leaf = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.integer(),
      fc.double({ min: -1e12, max: 1e12, noNaN: true }), // marshall refuses numbers past MAX_SAFE_INTEGER
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ minLength: 1 }),
    );
    // marshall takes a map with a "constructor" key for a class instance; no item of the store has one.
    const key = fc.string({ minLength: 1 }).filter((k) => k !== 'constructor' && k !== '__proto__');
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value')), fc.dictionary(key, tie('value'), { noNullPrototype: true })),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, value as fc.Arbitrary<unknown>, { noNullPrototype: true }), (item) => {
        expect(itemBytes(item)).toBe(wireItemBytes(marshall(item, { removeUndefinedValues: true })));
      }),
      { numRuns: 500 },
    );
  });
});

describe('writeUnits', () => {
  it('is one per started KB, at least one', () => {
    expect([0, 1, 1024, 1025, 2048, 2049].map(writeUnits)).toEqual([1, 1, 1, 2, 2, 3]);
  });
});
