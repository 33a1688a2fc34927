import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPhrase, foldUnitAt, foldUnits, splitWords } from '../../lambdas/tagging/fold.ts';

/**
 * Characters whose fold is a letter that folds again (Ǽ → æ → a, ẞ → ß → s),
 * so folding them is not idempotent. A defect of tagging/fold.ts, found by the
 * property below and reported to its owner; they are kept out of the property
 * and pinned here, so a fix (or a new case) makes the last test fail.
 */
const FOLDS_TWICE = ['Ǣ', 'ǣ', 'Ǽ', 'ǽ', 'Ǿ', 'ǿ', 'ẞ'];

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.constantFrom('Año', 'ano', 'EXTORSIÓN', 'n\u0303', 'Ñ', 'Coca-Cola', 'æ', 'ß', '𝐀', '😀', '\uD800', ' ', '\u0301', '-', 'İ'), { maxLength: 12 }).map((parts) => parts.join('')),
).map((s) => [...s].filter((c) => !FOLDS_TWICE.includes(c)).join(''));

describe('folding on arbitrary text', () => {
  it('never throws, and gives words without separators, combining marks or upper case in the basic plane', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const { words, starts, ends } = splitWords(raw);
        expect([starts.length, ends.length]).toEqual([words.length, words.length]);
        // Characters outside the basic plane are kept as they are (fold.ts: "a letter or a separator as a whole").
        const basic = (word: string) => word.replace(/[\u{10000}-\u{10FFFF}]/gu, '');
        // One expect per run (an expect costs about 20 µs; the words of 1,000 runs made it 0.6 s of CPU).
        expect(words.filter((word) => word === '' || /[\s\p{M}]/u.test(word) || basic(word) !== basic(word).toLowerCase())).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('folds a phrase to its words joined by single spaces', () => {
    fc.assert(
      fc.property(text, (raw) => {
        expect(foldPhrase(raw)).toBe(splitWords(raw).words.join(' '));
      }),
      { numRuns: 5000 },
    );
  });

  it('is idempotent: folding a folded phrase changes nothing', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const once = foldPhrase(raw);
        expect(foldPhrase(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('folds each unit on its own (foldUnitAt, which PhraseIndex.scan reads through) as it does in a whole text', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('\uD835', '\uDC00', '\uD800', 'a', ' ', '\u0303') })), (raw) => {
        const whole = Array.from(foldUnits(raw));
        const each = Array.from({ length: raw.length }, (_, i) => foldUnitAt(raw, i));
        expect(each).toEqual(whole);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps ñ apart from n, also when written as n + combining tilde', () => {
    fc.assert(
      fc.property(fc.constantFrom('año', 'AÑO', 'an\u0303o'), (word) => {
        expect(foldPhrase(word)).toBe('año');
        expect(foldPhrase(word)).not.toBe(foldPhrase('ano'));
      }),
    );
  });

  it(`folds exactly ${FOLDS_TWICE.join(' ')} non-idempotently among all characters of planes 0–2`, () => {
    const twice: string[] = [];
    for (let point = 0; point <= 0x2ffff; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const once = foldPhrase(String.fromCodePoint(point));
      if (foldPhrase(once) !== once) twice.push(String.fromCodePoint(point));
    }
    expect(twice).toEqual(FOLDS_TWICE);
  });
});
