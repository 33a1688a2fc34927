import { describe, expect, it } from 'vitest';
import { createTagger, RulesError } from '../../lambdas/tagging/tagger.ts';
import { fixtureGazetteer, fixtureRules, fixtureTheme, term } from './rules-fixture.ts';

function problemOf(rules: unknown, gazetteer: unknown = fixtureGazetteer()): string {
  try {
    createTagger(rules, gazetteer);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    return (error as RulesError).message;
  }
  throw new Error('expected createTagger to throw');
}

describe('createTagger rule validation', () => {
  it('names the theme, the term and the problem for a bad weight', () => {
    const message = problemOf(fixtureRules([fixtureTheme('prisons', [term('penal', 2), term('reos', -1)])]));
    expect(message).toMatch(/theme "prisons", term "reos", field "weight": must be above 0/);
  });

  it('names the theme and term of an unknown field', () => {
    const message = problemOf(fixtureRules([fixtureTheme('coca', [term('coca', 2, { contxt: ['cocaína'] })])]));
    expect(message).toMatch(/theme "coca", term "coca"/);
    expect(message).toMatch(/contxt/);
  });

  it('names the theme of a missing label', () => {
    const theme = { ...fixtureTheme('coca', [term('coca')]), label: { es: 'Coca' } };
    expect(problemOf(fixtureRules([theme]))).toMatch(/theme "coca", field "label.en"/);
  });

  it('rejects a source that is neither a listed seed nor "coverage"', () => {
    const message = problemOf(fixtureRules([fixtureTheme('coca', [term('coca', 2, { source: 'seed-b.txt' })])]));
    expect(message).toMatch(/theme "coca", term "coca": source "seed-b.txt" is neither a seed listed in "seeds" nor "coverage"/);
  });

  it('accepts a listed seed as source', () => {
    expect(() => createTagger(fixtureRules([fixtureTheme('coca', [term('coca', 2, { source: 'seed-a.txt' })])]), fixtureGazetteer())).not.toThrow();
  });

  it('rejects a context list that is not defined', () => {
    const message = problemOf(fixtureRules([fixtureTheme('prisons', [term('penal', 2, { context: ['@carcel'] })])]));
    expect(message).toMatch(/theme "prisons", term "penal", context: context list "@carcel" is not defined/);
  });

  it('rejects a term with no letters or digits, which could never match', () => {
    expect(problemOf(fixtureRules([fixtureTheme('coca', [term('¡!')])]))).toMatch(/theme "coca", term "¡!".*can never match/);
  });

  it('rejects a theme id used twice', () => {
    expect(problemOf(fixtureRules([fixtureTheme('coca', [term('coca')]), fixtureTheme('coca', [term('cocaína')])]))).toMatch(/theme "coca": the id is used twice/);
  });

  it('rejects a region whose parent is not in the gazetteer', () => {
    const gazetteer = fixtureGazetteer([{ id: 'trujillo', name: 'Trujillo', kind: 'city', parent: 'la-libertad', terms: ['Trujillo'] }]);
    expect(problemOf(fixtureRules([fixtureTheme('coca', [term('coca')])]), gazetteer)).toMatch(/region "trujillo": parent "la-libertad" is not a region/);
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        createTagger(fixtureRules([fixtureTheme('a', [term('x', 0), term('y', 11)])]), fixtureGazetteer());
      } catch (e) {
        return e as RulesError;
      }
    })();
    expect(error?.problems).toHaveLength(2);
  });
});
