import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabelledArticles, type LabelledArticle } from '../../lambdas/tagging/evaluate.ts';
import { suggestTerms, SuggestInputError } from '../../lambdas/tagging/suggest.ts';

const FIXTURE = new URL('./fixtures/suggest-examples.jsonl', import.meta.url);
// Three positives of extortion, three negatives (no label, or another theme's). Binary counts per article:
//   positives: extorsionadores 3, cupos 2, cobran 2, ate 1, comas 1, amenazan 1, vacuna 1, guayaquil 1  (n^P = 12)
//   negatives: minsa 2, ate 2, vacuna 1, comas 1, gripe 1, aplica 1, lluvias 1, atiende 1, feria 1, comerciantes 1, venden 1  (n^N = 13)
// "en", "la", "contra" are function words. With α_w = pooled count, α_0 = 25, e.g. for extorsionadores (3, 0):
//   δ = ln(6 / (12 + 25 − 3 − 3)) − ln(3 / (13 + 25 − 0 − 3)) = 0.815,  σ² = 1/6 + 1/3,  z = 1.152
const examples = parseLabelledArticles(readFileSync(FIXTURE, 'utf8'), 'suggest-examples.jsonl');
const ranking = (result: ReturnType<typeof suggestTerms>) => result.candidates.map((c) => [c.phrase, c.z, c.logOdds, c.positives, c.negatives]);

describe('suggestTerms', () => {
  it('ranks words found in at least two positives by the smoothed log-odds z-score, best first', () => {
    const result = suggestTerms(examples, { theme: 'extortion', maxWords: 1 });
    expect(result).toMatchObject({ theme: 'extortion', positives: 3, negatives: 3 });
    expect(ranking(result)).toEqual([
      ['extorsionadores', 1.152, 0.815, 3, 0],
      ['cobran', 0.901, 0.78, 2, 0],
      ['cupos', 0.901, 0.78, 2, 0],
    ]);
  });

  it('with one positive enough, shrinks rare words below frequent ones and leaves out words that point away from the theme', () => {
    const result = suggestTerms(examples, { theme: 'extortion', maxWords: 1, minPositives: 1 });
    expect(ranking(result)).toEqual([
      ['extorsionadores', 1.152, 0.815, 3, 0],
      ['cobran', 0.901, 0.78, 2, 0],
      ['cupos', 0.901, 0.78, 2, 0],
      ['amenazan', 0.611, 0.749, 1, 0],
      ['guayaquil', 0.611, 0.749, 1, 0],
      ['comas', 0.036, 0.029, 1, 1],
      ['vacuna', 0.036, 0.029, 1, 1],
    ]);
  });

  it('cuts the list at the limit', () => {
    expect(suggestTerms(examples, { theme: 'extortion', maxWords: 1, limit: 2 }).candidates.map((c) => c.phrase)).toEqual(['extorsionadores', 'cobran']);
  });

  it('gives each candidate the first positive that has it, with the text around it', () => {
    const [best, second] = suggestTerms(examples, { theme: 'extortion', maxWords: 1 }).candidates;
    expect(best!.example).toEqual({ id: 'p1', snippet: 'Cupos en Ate Extorsionadores cobran cupos.' });
    expect(second!.example).toEqual({ id: 'p1', snippet: 'Cupos en Ate Extorsionadores cobran cupos.' });
  });

  it('marks candidates an existing term of the theme already matches, prefix terms included', () => {
    const result = suggestTerms(examples, { theme: 'extortion', maxWords: 1, existingTerms: ['extorsion*', 'cobro de cupos', 'cupos'] });
    expect(result.candidates.map((c) => [c.phrase, c.coveredBy])).toEqual([
      ['extorsionadores', 'extorsion*'],
      ['cobran', undefined],
      ['cupos', 'cupos'],
    ]);
  });

  const article = (id: string, text: string, labels: string[]): LabelledArticle => ({ id, title: '', text, labels });
  const phrases = [
    article('a', 'Erradican hoja de coca en el Huallaga. Policía destruye 380 kilos de pasta básica.', ['coca']),
    article('b', 'La hoja de coca del Huallaga: policía halla 12 kilos de pasta básica', ['coca']),
    article('c', 'Mate de coca para el soroche en Cusco.', []),
  ];

  it('builds 2- and 3-word phrases that neither start nor end with a function word, skip numbers and stay inside one sentence', () => {
    const found = suggestTerms(phrases, { theme: 'coca' }).candidates.map((c) => c.phrase);
    // All nine are in both positives and no negative: equal z, so in alphabetical order.
    expect(found).toEqual(['basica', 'hoja', 'hoja de coca', 'huallaga', 'kilos', 'kilos de pasta', 'pasta', 'pasta basica', 'policia']);
    // "coca" is in the negative too ("mate de coca"), and the positives hold more candidates: it points away.
    expect(found).not.toContain('coca');
    expect(found).not.toContain('de coca');
    expect(found).not.toContain('huallaga policia');
    expect(found).not.toContain('380 kilos');
  });

  it('folds accents and case the way the tagger does, and marks a phrase a shorter term covers', () => {
    const result = suggestTerms(phrases, { theme: 'coca', existingTerms: ['pasta basica*', 'coca'] });
    expect(result.candidates.filter((c) => c.coveredBy).map((c) => [c.phrase, c.coveredBy])).toEqual([
      ['hoja de coca', 'coca'],
      ['pasta basica', 'pasta basica*'],
    ]);
  });

  it('refuses a theme nobody labelled, and examples without negatives, saying what to do', () => {
    expect(() => suggestTerms(examples, { theme: 'coca' })).toThrow(SuggestInputError);
    expect(() => suggestTerms(examples, { theme: 'coca' })).toThrow('suggest: no article is labelled "coca", so there is nothing to learn from; label some positives or pick another theme');
    expect(() => suggestTerms(phrases.slice(0, 2), { theme: 'coca' })).toThrow('suggest: every article is labelled "coca"; add negatives (articles without it) to contrast with');
    expect(() => suggestTerms(examples, { theme: 'extortion', maxWords: 4 })).toThrow('suggest: maxWords must be 1, 2 or 3, not 4');
  });
});
