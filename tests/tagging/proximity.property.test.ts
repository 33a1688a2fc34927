import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSentence, sortInPlace } from '../../lambdas/tagging/explain-article.ts';
import type { Occurrence } from '../../lambdas/tagging/phrase-index.ts';
import { isSpace, snippetAround } from '../../lambdas/tagging/proximity.ts';

/**
 * For speed the scorer reads sentence ends and snippet spaces with char loops
 * and native scans instead of the RegExps it used to build per call, and sorts
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
