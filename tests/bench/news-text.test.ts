import { describe, expect, it } from 'vitest';
import { newsText } from '../../bench/news-text.ts';
import { packBody } from '../../lambdas/store/article-body.ts';
import { seededRandom } from '../../bench/suite.ts';

/** Bytes the store writes for `text` as an article's body (packBody) over the bytes of its JSON. */
const packedRatio = (text: string) => {
  const fields = { summary: '', text, themes: [] };
  const packed = packBody(fields);
  const plain = Buffer.byteLength(JSON.stringify([fields.summary, fields.text, fields.themes]), 'utf8');
  return 'body' in packed ? packed.body.length / plain : 1;
};

describe('the store benchmark’s synthetic news text', () => {
  const next = seededRandom(42);
  const texts = Array.from({ length: 40 }, () => newsText(next, 1_600));

  it('packs like real news as the store packs it: about half is kept (real articles: 0.51 median)', () => {
    const ratios = texts.map(packedRatio).sort((a, b) => a - b);
    expect(ratios[20]).toBeGreaterThan(0.45);
    expect(ratios[20]).toBeLessThan(0.65);
    expect(ratios[0]).toBeGreaterThan(0.4);
  });

  it('is at least as long as asked and differs from one article to the next', () => {
    for (const text of texts) expect(text.length).toBeGreaterThanOrEqual(1_600);
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(texts.map((t) => t.slice(0, 80))).size).toBe(texts.length);
  });

  it('is the same for the same seed, so every run stores the same table', () => {
    expect(newsText(seededRandom(7), 500)).toBe(newsText(seededRandom(7), 500));
  });

  it('is much less compressible than one sentence repeated, which the benchmark used to store', () => {
    const repeated = 'Texto completo de la nota con los detalles del operativo. '.repeat(28);
    expect(packedRatio(repeated)).toBeLessThan(0.1);
    expect(packedRatio(texts[0]!)).toBeGreaterThan(4 * packedRatio(repeated));
  });
});
