import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../lambdas/concurrency/map-limited.ts';

describe('mapLimited', () => {
  it('returns results in the order of the items, whatever order the work finishes in', async () => {
    const results = await mapLimited([30, 5, 20, 1], 4, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1']);
  });

  it('never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await mapLimited(Array.from({ length: 12 }, (_, i) => i), 3, async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
    });
    expect(most).toBe(3);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapLimited([], 8, async () => 1)).toEqual([]);
  });
});
