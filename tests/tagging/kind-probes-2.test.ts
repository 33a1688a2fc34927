/**
 * Second kind-probe set: 214 articles of news length (60–150 words; 129
 * Spanish, 85 English), each with a `country` label and a one-line
 * `rationale`, written for issue 13's "Generalise" point from the real set's
 * labelling rules (../shared/tagging-dev/README.md) and the issue's six fault
 * kinds, with vocabulary from Ecuador, Colombia, Bolivia, Mexico, Central
 * America and wire services, never sentences of either development set.
 *
 * Batch v (150) was written in one go and scored once before any rule was
 * written for it: micro-F1 0.918 (0.923 after one label was corrected to the
 * README), country 87.3 %. Batch w (40) was written after the rules for v and
 * scored once before any rule was written for it: 0.885 with those rules,
 * 0.867 with the rules before them. Batch x (24) was written last and scored
 * once with the rules of w: 0.889 (0.857 with the rules before v).
 * docs/rules.md gives the tables. The floors below are for the rules as they
 * are now, which have seen all three batches; the first-sight figures are the
 * honest out-of-sample ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseLabelledArticles } from '../../lambdas/tagging/evaluate.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';

/** Measured at 0.981 (rules 2026-11-30.3). */
const MICRO_F1_FLOOR = 0.95;
const THEME_F1_FLOOR = 0.9;
/** Measured at 0.944; the misses are Peruvian stories that name no place or institution at all. */
const COUNTRY_ACCURACY_FLOOR = 0.92;
const SIX_THEMES = ['coca', 'corruption', 'extortion', 'illegal_mining', 'police_violence', 'prisons'];
const file = path.join(import.meta.dirname, 'fixtures', 'kind-probes-2.jsonl');
const articles = parseLabelledArticles(readFileSync(file, 'utf8'), 'kind-probes-2.jsonl');
const tagger = loadTagger();
const result = evaluate(articles, tagger);
const byId = (id: string) => {
  const article = articles.find((a) => a.id === id);
  if (!article) throw new Error(`kind-probes-2.jsonl has no article ${id}`);
  return article;
};
const tag = (id: string) => {
  const article = byId(id);
  return tagger.tag({ title: article.title, summary: '', text: article.text });
};

describe('kind probes, second set', () => {
  it('labels the six themes and the country of every article, in both languages, with traps that carry no theme', () => {
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(articles.length).toBe(214);
    expect(Object.keys(result.themes).sort()).toEqual(SIX_THEMES);
    expect(articles.filter((a) => a.lang === 'en').length).toBeGreaterThanOrEqual(80);
    expect(articles.filter((a) => a.labels.length === 0).length).toBeGreaterThanOrEqual(60);
    expect(result.country?.articles).toBe(articles.length);
    for (const article of articles) {
      const words = article.text.split(/\s+/).length;
      expect(words, `${article.id} is news length`).toBeGreaterThanOrEqual(25);
    }
  });

  it(`keeps micro-F1 at or above ${MICRO_F1_FLOOR}`, () => {
    expect(result.micro.f1).toBeGreaterThanOrEqual(MICRO_F1_FLOOR);
  });

  it.each(SIX_THEMES)(`keeps %s at F1 >= ${THEME_F1_FLOOR}`, (theme) => {
    expect(result.themes[theme]?.f1).toBeGreaterThanOrEqual(THEME_F1_FLOOR);
  });

  it(`keeps country accuracy at or above ${COUNTRY_ACCURACY_FLOOR}`, () => {
    expect(result.country?.accuracy).toBeGreaterThanOrEqual(COUNTRY_ACCURACY_FLOOR);
  });

  it.each([
    ['v128', 'extortion', 'bus owners paying gangs, drivers killed when a payment is missed'],
    ['v027', 'illegal_mining', 'mining camps in a reserve buffer zone, no authorisation'],
    ['v146', 'police_violence', 'police beating a handcuffed man'],
    ['v112', 'police_violence', 'inmates executed after they surrendered, no force named'],
    ['v138', 'corruption', 'officers stealing seized drugs and selling them back'],
    ['w22', 'corruption', "police paid a 'mordida' to let dealers work"],
  ])('tags %s as %s (%s), which names no theme word', (id, theme) => {
    expect(tag(id).themes.map((t) => t.theme)).toContain(theme);
  });

  it.each([
    ['v015', 'a contract killing where the victim had received no threats or demands'],
    ['v110', 'a peaceful march with no injuries'],
    ['v041', 'inmates killed by rival gangs, soldiers retaking the prison (prisons only)'],
    ['v073', "'cocaína rosada', a synthetic drug"],
    ['w09', 'formalised artisanal miners selling certified gold'],
    ['w32', 'a protest where the injured are officers'],
    ['w04', 'a killing the family says was not extortion'],
    ['x10', 'a fan sentenced for assaulting a police officer'],
  ])('gives %s (%s) none of the themes it only seems to be about', (id) => {
    const tagged = tag(id).themes.map((t) => t.theme).filter((t) => SIX_THEMES.includes(t));
    expect(tagged).toEqual(byId(id).labels);
  });

  it.each([
    ['v116', 'HN', 'Trujillo in Honduras'],
    ['v113', 'SV', 'La Libertad in El Salvador'],
    ['v118', 'AR', 'San Martín in Buenos Aires province'],
    ['v122', 'US', 'Pasco County, Florida'],
    ['w40', 'VE', 'the Venezuelan state of Trujillo'],
    ['v140', 'PE', 'Huaura, a province of Lima'],
  ])('puts %s first under %s (%s)', (id, code) => {
    expect(tag(id).countries[0]).toBe(code);
  });
});
