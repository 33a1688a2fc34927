import { describe, expect, it } from 'vitest';
import { occurrencesOf, parsePattern, PhraseIndex } from '../../lambdas/tagging/phrase-index.ts';

function indexOf(...phrases: string[]) {
  const index = new PhraseIndex(['la', 'de'], ['the']);
  const ids = phrases.map((p) => index.add(parsePattern(p)));
  return { index, ids };
}

const found = (index: PhraseIndex, id: number, text: string) =>
  occurrencesOf(index.scan(['', '', text]), id).map((o) => text.slice(o.from, o.to));

describe('PhraseIndex', () => {
  it('matches whole words only', () => {
    const { index, ids } = indexOf('penal');
    expect(found(index, ids[0] as number, 'penales y penal, penalidad, el penal.')).toEqual(['penal', 'penal']);
  });

  it('matches regardless of case and accents', () => {
    const { index, ids } = indexOf('extorsión');
    expect(found(index, ids[0] as number, 'EXTORSION, Extorsión y extorsión')).toEqual(['EXTORSION', 'Extorsión', 'extorsión']);
  });

  it('matches multi-word phrases across punctuation and line breaks', () => {
    const { index, ids } = indexOf('cobro de cupos');
    expect(found(index, ids[0] as number, 'el cobro\nde «cupos» y el cobro de la deuda')).toEqual(['cobro\nde «cupos']);
  });

  it('lets a word ending in * match any word that starts with it', () => {
    const { index, ids } = indexOf('extorsion*');
    expect(found(index, ids[0] as number, 'extorsiones, extorsionadores, extorsión y extorsivo')).toEqual(['extorsiones', 'extorsionadores', 'extorsión']);
  });

  it('finds overlapping occurrences of one phrase', () => {
    const { index, ids } = indexOf('gota a gota');
    expect(found(index, ids[0] as number, 'gota a gota a gota')).toHaveLength(2);
  });

  it('finds a phrase and a phrase inside it in the same pass', () => {
    const { index, ids } = indexOf('minería ilegal', 'minería', 'ilegal');
    const scan = index.scan(['', '', 'la minería ilegal crece']);
    expect(ids.map((id) => occurrencesOf(scan, id).length)).toEqual([1, 1, 1]);
  });

  it('gives the same id to phrases that fold to the same words', () => {
    const { ids } = indexOf('Coca-Cola', 'coca cola');
    expect(ids[0]).toBe(ids[1]);
  });

  it('reports word and character spans per field', () => {
    const { index, ids } = indexOf('reos');
    const [occurrence] = occurrencesOf(index.scan(['Los reos', '', 'Ningún reo']), ids[0] as number);
    expect(occurrence).toMatchObject({ field: 0, first: 1, last: 2, from: 4, to: 8 });
  });

  it('reads decomposed accents inside words', () => {
    const { index, ids } = indexOf('año');
    expect(found(index, ids[0] as number, 'este an\u0303o y el ano')).toEqual(['an\u0303o']);
  });

  it('reads a wildcard stem inside a word with decomposed accents', () => {
    const { index, ids } = indexOf('extorsion*');
    expect(found(index, ids[0] as number, 'extorsio\u0301n y extorsio\u0301nes')).toEqual(['extorsio\u0301n', 'extorsio\u0301nes']);
  });

  it('reads a word with a combining mark however long it is (a hostile feed item), and the words after it', () => {
    // 200,000 letters with one mark: a word with marks is read again as a string, once built with one
    // argument per unit (String.fromCharCode(...units)), which overflowed the call stack past ~100,000.
    const { index, ids } = indexOf('penal', 'extorsion*');
    const long = `${'a'.repeat(100_000)}\u0301${'a'.repeat(100_000)}`;
    expect(found(index, ids[0] as number, `${long} el penal`)).toEqual(['penal']);
    expect(found(index, ids[1] as number, `extorsio\u0301n${'e'.repeat(200_000)} y`)).toHaveLength(1);
  });

  it('matches a word that ends its field, and one outside the basic plane', () => {
    const { index, ids } = indexOf('penal', '𝐀lfa');
    expect(found(index, ids[0] as number, 'el penal')).toEqual(['penal']);
    expect(found(index, ids[1] as number, '😀𝐀lfa x𝐀lfa')).toEqual(['𝐀lfa']);
  });

  it('reads a field the same whether it is short or long (copied by a loop or by Buffer.write)', () => {
    const { index, ids } = indexOf('penal', '𝐀lfa');
    // Texts of 17, 97, 101 and 817 units: either side of the 100-unit threshold.
    for (const pad of ['', 'x '.repeat(40), 'x '.repeat(42), 'x '.repeat(400)]) {
      const text = `${pad}😀𝐀lfa el \ud835penal`;
      expect(found(index, ids[0] as number, text)).toEqual(['penal']);
      expect(found(index, ids[1] as number, text)).toEqual(['𝐀lfa']);
      expect(occurrencesOf(index.scan(['', '', text]), ids[0] as number)[0]?.to).toBe(text.length);
    }
  });

  it('follows more than 64 partial phrases at once (the open sets grow)', () => {
    const { index, ids } = indexOf(Array(70).fill('gota').join(' '));
    const text = Array(140).fill('gota').join(' ');
    const list = occurrencesOf(index.scan(['', '', text]), ids[0] as number);
    expect(list.map((o) => [o.first, o.last])).toEqual(Array.from({ length: 71 }, (_, i) => [i, i + 70]));
  });

  it('counts Spanish and English function words and words per field', () => {
    const { index } = indexOf('x');
    const scan = index.scan(['The end of la', '', 'la casa de la']);
    expect([scan.spanishWords, scan.englishWords, scan.wordCounts]).toEqual([4, 1, [4, 0, 4]]);
  });
});

describe('parsePattern', () => {
  it('marks words written with a trailing * as prefixes', () => {
    expect(parsePattern('exig* pago*')).toEqual([
      { text: 'exig', prefix: true },
      { text: 'pago', prefix: true },
    ]);
  });
});
