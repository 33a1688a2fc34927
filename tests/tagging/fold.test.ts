import { describe, expect, it } from 'vitest';
import { foldPhrase, splitWords } from '../../lambdas/tagging/fold.ts';

describe('splitWords', () => {
  it('folds case and accents so EXTORSIÓN, Extorsión and extorsion are one word', () => {
    expect(splitWords('EXTORSIÓN Extorsión extorsion').words).toEqual(['extorsion', 'extorsion', 'extorsion']);
  });

  it('keeps ñ apart from n so año and ano stay different words', () => {
    expect(splitWords('Año ANO año').words).toEqual(['año', 'ano', 'año']);
  });

  it('reads text already decomposed (NFD) the same as composed text', () => {
    expect(splitWords('extorsio\u0301n An\u0303o').words).toEqual(['extorsion', 'año']);
  });

  it('splits on punctuation and hyphens, so Coca-Cola is two words', () => {
    expect(splitWords('Coca-Cola, “penal”; Peru’s').words).toEqual(['coca', 'cola', 'penal', 'peru', 's']);
  });

  it('keeps letters of any script and digits, and drops symbols', () => {
    expect(splitWords('S/ 5 000 — 2024 Ñandú São Paulo 😀').words).toEqual(['s', '5', '000', '2024', 'ñandu', 'sao', 'paulo']);
  });

  it('reports where each word is in the original text', () => {
    const text = 'Reos del PENAL';
    const { words, starts, ends } = splitWords(text);
    expect(words.map((_, i) => text.slice(starts[i], ends[i]))).toEqual(['Reos', 'del', 'PENAL']);
  });

  it('handles characters outside the basic plane without shifting offsets', () => {
    const text = '𝐀 Cárcel';
    const { words, starts } = splitWords(text);
    expect(words).toEqual(['𝐀', 'carcel']);
    expect(text.slice(starts[1])).toBe('Cárcel');
  });
});

describe('foldPhrase', () => {
  it('joins the folded words of a phrase with single spaces', () => {
    expect(foldPhrase('  Minería   ILEGAL ')).toBe('mineria ilegal');
  });
});
