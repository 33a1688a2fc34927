import { describe, expect, it } from 'vitest';
import { lintRules } from '../../lambdas/tagging/lint-rules.ts';
import gazetteer from '../../lambdas/tagging/gazetteer.json' with { type: 'json' };
import rules from '../../lambdas/tagging/themes.json' with { type: 'json' };
import { fixtureGazetteer, fixtureRules, fixtureTheme, term } from './rules-fixture.ts';

const lint = (terms: unknown[], extra: Record<string, unknown> = {}, seeds?: string[]) =>
  lintRules(fixtureRules([fixtureTheme('t', terms, extra)]), fixtureGazetteer(), seeds);

describe('lintRules', () => {
  it('finds nothing wrong in the bundled rules and gazetteer', () => {
    expect(lintRules(rules, gazetteer, rules.seeds.map((s) => s.file))).toEqual({ errors: [], warnings: [] });
  });

  it('reports a term listed twice', () => {
    expect(lint([term('cupos'), term('cupos')]).errors).toEqual(['themes, theme "t", term "cupos": listed twice']);
  });

  it('reports terms that fold to the same words', () => {
    expect(lint([term('extorsión'), term('EXTORSION')]).errors[0]).toMatch(/term "EXTORSION": folds to the same words as "extorsión"/);
  });

  it('reports a term that an earlier wildcard always matches first', () => {
    expect(lint([term('extorsion*'), term('extorsiones')]).errors[0]).toMatch(/term "extorsiones": can never count, "extorsion\*" is listed earlier/);
  });

  it('reports a term excluded by its own exclude list', () => {
    expect(lint([term('penal', 2, { exclude: ['penal'] })]).errors[0]).toMatch(/term "penal": can never match, its own exclude list contains it/);
  });

  it('reports a term whose only context is itself', () => {
    expect(lint([term('reos', 2, { context: ['reos'] })]).errors[0]).toMatch(/term "reos": can never match, its only context is itself/);
  });

  it('reports a term near itself by its own notNear list', () => {
    expect(lint([term('gol', 2, { notNear: ['gol'] })]).errors[0]).toMatch(/term "gol": can never match, its own notNear list contains it/);
  });

  it('reports a threshold no article can reach', () => {
    expect(lint([term('cupos', 1)], { threshold: 100 }).errors[0]).toMatch(/theme "t": threshold 100 is above the highest score/);
  });

  it('reports a negative that is also a term', () => {
    expect(lint([term('minería')], { negatives: [term('Minería')] }).errors[0]).toMatch(/negative "Minería": is also a term/);
  });

  it('reports unknown seed names and seeds missing from the seed folder', () => {
    expect(lint([term('cupos', 2, { source: 'seed-z.txt' })]).errors[0]).toMatch(/source "seed-z.txt" is neither a seed/);
    expect(lint([term('cupos')], {}, ['other.txt']).errors[0]).toMatch(/seeds: "seed-a.txt" is not in the seed folder/);
  });

  it('reports a wildcard stem too long for the index as an error naming the term, instead of crashing', () => {
    const long = `${'a'.repeat(70)}*`;
    const report = lint([term('cupos'), term(long)]);
    expect(report.errors).toEqual([`themes, theme "t", term "${long}": wildcard "${'a'.repeat(70)}*" has 70 letters; a wildcard stem may have at most 64, so shorten it`]);
  });

  it('checks terms against the seed they cite only when given the seed texts', () => {
    const terms = [term('cupos', 2, { source: 'seed-a.txt' }), term('vacuna', 2, { source: 'seed-a.txt' })];
    const cites = (warnings: string[]) => warnings.filter((w) => w.includes('cites seed'));
    expect(cites(lint(terms).warnings)).toEqual([]);
    const report = lintRules(fixtureRules([fixtureTheme('t', terms)]), fixtureGazetteer(), ['seed-a.txt'], new Map([['seed-a.txt', 'Cobran CUPOS a los choferes.']]));
    expect(cites(report.warnings)).toEqual(['themes, theme "t", term "vacuna": cites seed "seed-a.txt", which does not contain it; cite the seed it comes from or "coverage"']);
  });

  it('reports a combination with an undefined group, and counts combination groups as used context lists', () => {
    const combinations = [{ name: 'c', groups: ['@prison', '@nope'], within: 5, weight: 2, source: 'coverage' }];
    expect(lint([term('cupos')], { combinations }).errors).toEqual(['themes, theme "t", combination "c": group "@nope" is not defined in "contexts"']);
    const ok = lint([term('cupos')], { combinations: [{ ...combinations[0], groups: ['@prison', '@prison'] }] });
    expect(ok.warnings).toEqual([]);
  });

  it('reports schema errors instead of throwing', () => {
    expect(lint([term('cupos', 0)]).errors[0]).toMatch(/theme "t", term "cupos", field "weight"/);
  });

  it('warns about very short wildcards and unused context lists', () => {
    const report = lint([term('ex*')]);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      'themes, theme "t", term "ex*": wildcard "ex*" is shorter than 4 letters and matches many unrelated words',
      'themes, contexts: list "@prison" is not used by any term',
    ]);
  });

  it('reports a place name given to two regions', () => {
    const places = fixtureGazetteer([
      { id: 'lima', name: 'Lima', kind: 'department', terms: ['Lima'] },
      { id: 'lima-2', name: 'Lima', kind: 'city', terms: ['LIMA'] },
    ]);
    expect(lintRules(fixtureRules([fixtureTheme('t', [term('x')])]), places).errors[0]).toMatch(/region "lima-2", term "LIMA": folds to the same words as a term of region "lima"/);
  });
});
