import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSentence, sortInPlace } from '../../lambdas/tagging/explain-article.ts';
import { parsePattern, PhraseIndex, type Occurrence } from '../../lambdas/tagging/phrase-index.ts';
import { foldPhrase, isSpace } from '../../lambdas/tagging/fold.ts';
import { snippetAround, wordBefore } from '../../lambdas/tagging/proximity.ts';

/**
 * For speed the scorer reads sentence ends, snippet spaces and the word before
 * a place name with char loops and native scans instead of RegExps, and sorts
 * short lists by insertion; these properties pin them to the RegExps and to
 * Array.prototype.sort, so the tags, hits and snippets stay the same.
 */
const at = (from: number, to: number): Occurrence => ({ phrase: 0, field: 2, first: 0, last: 1, from, to });

/** Text rich in what matters here: sentence marks, closing quotes and brackets, every kind of space. */
const text = fc
  .array(fc.constantFrom('a', 'b', ' ', '  ', '.', '!', '?', '…', '"', "'", '”', '»', ')', '\n', '\t', '\r', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u2028', 'ñ', ','), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('isSpace', () => {
  it('matches exactly the units RegExp \\s matches, over the whole basic plane', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c.toString(16));
    expect(differ).toEqual([]);
  });
});

describe('sameSentence', () => {
  it('agrees with /[.!?…]["\'”»)]*\\s|\\n/ on the text between two spans', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
        const a = x % (t.length + 1);
        const b = y % (t.length + 1);
        const [from, to] = a <= b ? [a, b] : [b, a];
        const expected = to <= from || !/[.!?…]["'”»)]*\s|\n/.test(t.slice(from, to));
        expect(sameSentence(t, at(0, from), at(to, t.length))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('sees the end of a sentence behind closing quotes, and not a decimal point', () => {
    const t = 'Murió un hombre.» Luego hubo 3.5 heridos';
    expect(sameSentence(t, at(0, 5), at(18, 23))).toBe(false);
    expect(sameSentence(t, at(18, 23), at(33, 40))).toBe(true);
  });
});

describe('snippetAround', () => {
  it('collapses runs of any spaces to one, as /\\s+/ does, and leaves single spaces alone', () => {
    fc.assert(
      fc.property(text, (t) => {
        const snippet = snippetAround(t, at(0, Math.min(1, t.length)));
        const body = snippet.replace(/^…|…$/g, '');
        expect(/[^\S ]| {2}/.test(body)).toBe(false);
      }),
      { numRuns: 2000 },
    );
    expect(snippetAround('extorsión\u00a0 en\tLima', at(0, 9))).toBe('extorsión en Lima');
  });

  it('is cut the same when the scan says the field has no space run (ScanResult.spaceRuns)', () => {
    const index = new PhraseIndex(['la'], ['the']);
    index.add(parsePattern('a'));
    fc.assert(
      fc.property(text, text, (title, body) => {
        const { spaceRuns } = index.scan([title, '', body]);
        // Sound: a field with a run is never flagged clean; and exact but for a field ending in U+0020.
        for (const [f, t] of [[0, title], [2, body]] as const) {
          const run = /[^\S ]| {2}/.test(t);
          expect(spaceRuns[f]).toBe(run || t.endsWith(' '));
          if (!spaceRuns[f]) expect(snippetAround(t, at(0, Math.min(1, t.length)), false)).toBe(snippetAround(t, at(0, Math.min(1, t.length))));
        }
        expect(spaceRuns[1]).toBe(false);
      }),
      { numRuns: 2000 },
    );
    expect(index.scan(['a  b', 'a\u00a0b', 'a b']).spaceRuns).toEqual([true, true, false]);
  });
});

describe('wordBefore', () => {
  /** What wordBefore did with a RegExp on the 40 units before the span. */
  const byRegExp = (t: string, from: number) => {
    const match = /([\p{L}\p{N}]+)[^\p{L}\p{N}]*$/u.exec(t.slice(Math.max(0, from - 40), from));
    return match ? foldPhrase(match[1] as string) : '';
  };
  // Letters and digits of every kind (accented, astral, other scripts), marks, spaces, punctuation and lone surrogates.
  const units = fc.constantFrom('a', 'Z', 'á', 'Ñ', '9', '٣', 'ж', '中', '𝐀', '😀', '\u0301', ' ', '  ', '\n', '.', ',', '-', '«', '\u00a0', '\ud835', '\udc00', 'avenida', 'Jr.', 'calle ');
  const text = fc.array(units, { maxLength: 30 }).map((parts) => parts.join(''));

  it('finds the word the RegExp /([\\p{L}\\p{N}]+)[^\\p{L}\\p{N}]*$/u finds in the 40 units before the span', () => {
    fc.assert(
      fc.property(text, fc.nat(), (t, x) => {
        const from = x % (t.length + 1);
        expect(wordBefore(t, at(from, t.length))).toBe(byRegExp(t, from));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads "avenida" before "Arequipa", cuts at 40 units, and splits no surrogate pair', () => {
    expect(wordBefore('la avenida  Arequipa', at(12, 20))).toBe('avenida');
    const far = `${'x'.repeat(45)} Lima`;
    expect(wordBefore(far, at(46, 50))).toBe('x'.repeat(39));
    expect(wordBefore('a 𝐀𝐁 Lima', at(7, 11))).toBe(byRegExp('a 𝐀𝐁 Lima', 7));
    expect(wordBefore(`${'y'.repeat(39)}𝐀 Lima`, at(42, 46))).toBe(byRegExp(`${'y'.repeat(39)}𝐀 Lima`, 42));
  });
});

describe('sortInPlace', () => {
  it('gives the order Array.prototype.sort gives, ties kept in input order, on short and long lists', () => {
    // Items with few distinct keys, so most comparisons are ties and stability shows.
    const items = fc.array(fc.record({ key: fc.integer({ min: 0, max: 4 }), id: fc.nat() }), { maxLength: 60 });
    fc.assert(
      fc.property(items, (list) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        expect(sortInPlace([...list], byKey)).toEqual([...list].sort(byKey));
      }),
      { numRuns: 2000 },
    );
  });
});
