import { describe, expect, it } from 'vitest';
import { chunk } from '../../lambdas/store/batch-put.ts';

describe('chunk: a batch request’s worth at a time', () => {
  it('keeps the order and cuts at the size, the last list shorter', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk(Array.from({ length: 50 }, (_, i) => i), 25).map((c) => c.length)).toEqual([25, 25]);
  });

  it('gives no list for no items', () => {
    expect(chunk([], 25)).toEqual([]);
  });
});
