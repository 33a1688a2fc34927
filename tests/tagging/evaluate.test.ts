import { describe, expect, it } from 'vitest';
import { evaluate, EvalInputError, formatEvalTable, formatMisses, parseLabelledArticles, type LabelledArticle } from '../../lambdas/tagging/evaluate.ts';
import { createTagger } from '../../lambdas/tagging/tagger.ts';
import { fixtureGazetteer, fixtureRules, fixtureTheme, term } from './rules-fixture.ts';
import type { TagResult } from '../../lambdas/model/article.ts';

/** A tagger that predicts the themes written in the title, e.g. "extortion prisons". */
const titleTagger = {
  tag: ({ title }: { title: string }): TagResult => ({
    themes: title.split(' ').filter(Boolean).map((theme) => ({ theme, score: 1, hits: [] })),
    regions: [],
    countries: [],
    lang: 'es',
  }),
};
const article = (id: string, predicted: string, labels: string[]): LabelledArticle => ({ id, title: predicted, text: '', labels });

describe('evaluate', () => {
  const articles = [
    article('1', 'extortion', ['extortion']), // tp
    article('2', 'extortion prisons', ['extortion']), // tp extortion, fp prisons
    article('3', '', ['prisons']), // fn prisons
    article('4', 'prisons coca', ['prisons']), // tp prisons; coca is never labelled, so ignored
  ];

  it('counts true positives, false positives and false negatives per labelled theme', () => {
    const result = evaluate(articles, titleTagger);
    expect(result.themes.extortion).toEqual({ precision: 1, recall: 1, f1: 1, tp: 2, fp: 0, fn: 0 });
    expect(result.themes.prisons).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, tp: 1, fp: 1, fn: 1 });
  });

  it('ignores themes the file never labels', () => {
    expect(Object.keys(evaluate(articles, titleTagger).themes)).toEqual(['extortion', 'prisons']);
  });

  it('micro-averages over all labelled themes', () => {
    expect(evaluate(articles, titleTagger).micro).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it('reports zero, not NaN, for a theme that is never predicted', () => {
    expect(evaluate([article('1', '', ['coca'])], titleTagger).themes.coca).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 1 });
  });

  it('produces exactly the keys of the --json contract', () => {
    const json = JSON.parse(JSON.stringify(evaluate(articles, titleTagger)));
    expect(Object.keys(json)).toEqual(['themes', 'micro']);
    expect(Object.keys(json.themes.prisons)).toEqual(['precision', 'recall', 'f1', 'tp', 'fp', 'fn']);
    expect(Object.keys(json.micro)).toEqual(['precision', 'recall', 'f1']);
  });
});

describe('evaluate with misses and countries', () => {
  /** A real tagger over tiny rules: "cupos" (2) needs a second hit or the title to reach 3. */
  const tagger = createTagger(
    fixtureRules([fixtureTheme('extortion', [term('cupos', 2), term('vacuna', 2, { notNear: ['influenza'] })], { threshold: 3 })]),
    fixtureGazetteer(),
  );
  const labelled: LabelledArticle[] = [
    { id: 'tp', title: 'Cobran cupos', text: 'En Lima cobran cupos.', labels: ['extortion'], country: 'Peru' },
    { id: 'fn', title: 'Comerciantes amenazados', text: 'Les exigen la vacuna; junto a la vacuna contra la influenza.', labels: ['extortion'], country: 'Peru' },
    { id: 'fp', title: 'Cupos para el concurso', text: 'Quedan cupos en Guayaquil, Ecuador.', labels: [], country: 'other' },
  ];

  it('lists each false positive and false negative with score, threshold, what fired and what was suppressed', () => {
    const result = evaluate(labelled, tagger, { misses: true });
    expect(result.misses).toEqual([
      { id: 'fp', title: 'Cupos para el concurso', theme: 'extortion', kind: 'false positive', score: 5, threshold: 3, fired: [{ term: 'cupos', points: 5, snippet: 'Cupos para el concurso' }], suppressed: [] },
      {
        id: 'fn',
        title: 'Comerciantes amenazados',
        theme: 'extortion',
        kind: 'false negative',
        score: 2,
        threshold: 3,
        fired: [{ term: 'vacuna', points: 2, snippet: 'Les exigen la vacuna; junto a la vacuna contra la influenza.' }],
        suppressed: [{ term: 'vacuna', reason: 'negative context', detail: 'influenza', field: 'text', count: 1, snippet: 'Les exigen la vacuna; junto a la vacuna contra la influenza.' }],
      },
    ].sort((a, b) => a.kind.localeCompare(b.kind)));
  });

  it('reports country accuracy: Peru means the first country is PE', () => {
    expect(evaluate(labelled, tagger).country).toEqual({
      accuracy: 0.6667,
      articles: 3,
      correct: 2,
      misses: [{ id: 'fn', title: 'Comerciantes amenazados', expected: 'Peru', predicted: [] }],
    });
  });

  it('leaves country out when no line carries it, and misses out unless asked', () => {
    const result = evaluate(labelled.map(({ country: _, ...a }) => a), tagger);
    expect(Object.keys(result)).toEqual(['themes', 'micro']);
  });

  it('formats misses with points, suppressed terms and reasons', () => {
    const text = formatMisses(evaluate(labelled, tagger, { misses: true }).misses ?? []);
    expect(text.split('\n')).toEqual([
      'extortion  false negative  fn  score 2 / 3  Comerciantes amenazados',
      '        +2  vacuna  “Les exigen la vacuna; junto a la vacuna contra la influenza.”',
      '     (off)  vacuna: negative context (influenza)  “Les exigen la vacuna; junto a la vacuna contra la influenza.”',
      'extortion  false positive  fp  score 5 / 3  Cupos para el concurso',
      '        +5  cupos  “Cupos para el concurso”',
    ]);
  });
});

describe('formatEvalTable', () => {
  it('prints one row per theme with percentages and counts, then the micro average', () => {
    const lines = formatEvalTable(evaluate(articles(), titleTagger)).split('\n');
    expect(lines[0]).toMatch(/^theme\s+precision\s+recall\s+F1\s+TP\s+FP\s+FN$/);
    expect(lines[1]).toMatch(/^extortion\s+100\.0%\s+100\.0%\s+100\.0%\s+2\s+0\s+0$/);
    expect(lines[2]).toMatch(/^prisons\s+50\.0%\s+50\.0%\s+50\.0%\s+1\s+1\s+1$/);
    expect(lines[3]).toMatch(/^micro\s+75\.0%\s+75\.0%\s+75\.0%$/);
  });

  function articles() {
    return [article('1', 'extortion', ['extortion']), article('2', 'extortion prisons', ['extortion']), article('3', '', ['prisons']), article('4', 'prisons', ['prisons'])];
  }
});

describe('parseLabelledArticles', () => {
  it('reads one article a line and skips blank lines', () => {
    const content = '{"id":"a","title":"t","text":"x","labels":["coca"],"lang":"es"}\n\n{"id":"b","title":"t","text":"x","labels":[]}\n';
    expect(parseLabelledArticles(content, 'dev.jsonl').map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('names the file and line of invalid JSON and shows the expected shape', () => {
    expect(() => parseLabelledArticles('{"id":"a","title":"t","text":"x","labels":[]}\n{oops', 'dev.jsonl')).toThrow(
      /^eval: dev\.jsonl line 2: not valid JSON .*; write one article per line like \{"id"/,
    );
  });

  it('names the field that is missing or wrong', () => {
    expect(() => parseLabelledArticles('{"id":"a","title":"t","text":"x","labels":"coca"}', 'dev.jsonl')).toThrow(EvalInputError);
    expect(() => parseLabelledArticles('{"id":"a","title":"t","labels":[]}', 'dev.jsonl')).toThrow(/line 1: "text"/);
    expect(() => parseLabelledArticles('{"id":"a","title":"t","text":"x","labels":[],"lang":"fr"}', 'dev.jsonl')).toThrow(/"lang"/);
  });

  it('reads the tagging-dev spelling: "language" for lang, and "country"', () => {
    const [a] = parseLabelledArticles('{"id":"a","title":"t","text":"x","labels":[],"language":"en","country":"other","rationale":"r"}', 'dev.jsonl');
    expect(a).toEqual({ id: 'a', title: 't', text: 'x', labels: [], lang: 'en', country: 'other' });
  });

  it('refuses a file with no articles', () => {
    expect(() => parseLabelledArticles('\n\n', 'empty.jsonl')).toThrow(/empty\.jsonl has no articles/);
  });
});
