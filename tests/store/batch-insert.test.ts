import { describe, expect, it } from 'vitest';
import { insertStatement } from '../../lambdas/store/batch-insert.ts';

describe('insertStatement', () => {
  it('names each defined attribute once, in order, with its value as a parameter', () => {
    const { Statement, Parameters } = insertStatement('prod-articles', { pk: 'ARTICLE#1', sk: 'ARTICLE', author: undefined, sources: [{ feedId: 'rpp' }], expiresAt: 5 });
    expect(Statement).toBe(`INSERT INTO "prod-articles" VALUE {'pk': ?, 'sk': ?, 'sources': ?, 'expiresAt': ?}`);
    expect(Parameters).toEqual(['ARTICLE#1', 'ARTICLE', [{ feedId: 'rpp' }], 5]);
  });

  it('quotes table and attribute names as PartiQL wants (doubled quotes)', () => {
    expect(insertStatement('a"b', { pk: 'p', sk: 's', "it's": 1 }).Statement).toBe(`INSERT INTO "a""b" VALUE {'pk': ?, 'sk': ?, 'it''s': ?}`);
  });
});
