import { describe, expect, it } from 'vitest';
import { StoreError } from '../../lambdas/store/errors.ts';
import { MAX_ATTEMPTS, sendUntilProcessed } from '../../lambdas/store/retry-unprocessed.ts';

describe('sendUntilProcessed', () => {
  it('sends again only what was left unprocessed, until nothing is left', async () => {
    const sent: string[][] = [];
    const leftOver = [['b', 'c'], ['c'], []];
    await sendUntilProcessed(['a', 'b', 'c'], async (pending) => {
      sent.push(pending);
      return leftOver.shift()!;
    }, () => 'unused');
    expect(sent).toEqual([['a', 'b', 'c'], ['b', 'c'], ['c']]);
  });

  it('sends nothing for nothing', async () => {
    let sends = 0;
    await sendUntilProcessed([], async () => (sends++, []), () => 'unused');
    expect(sends).toBe(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} sends with a StoreError of kind 'unprocessed' counting what is left`, async () => {
    let sends = 0;
    const failure = await sendUntilProcessed(['a', 'b'], async () => (sends++, ['b']), (left) => `${left} left`).catch((e: unknown) => e);
    expect(sends).toBe(MAX_ATTEMPTS);
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ kind: 'unprocessed', message: 'store: 1 left' });
  });

  it('passes an error of the send through unchanged', async () => {
    const boom = new Error('ProvisionedThroughputExceeded');
    await expect(sendUntilProcessed(['a'], async () => Promise.reject(boom), () => 'unused')).rejects.toBe(boom);
  });
});
