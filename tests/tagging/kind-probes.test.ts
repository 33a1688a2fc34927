/**
 * Kind probes: 212 short articles (166 Spanish, 46 English) written for
 * issue 13's "Generalise" point from the issue's six fault kinds and the
 * real set's labelling guidelines, never from the wording of either
 * development set. Most are indirect ("the drivers who did not pay found
 * their cars shot at", "agents who staged a shootout to kill a suspect") or
 * traps (university "cupos", bail, police injured at a protest, cocaine found
 * in a prison search, Coca the Ecuadorian town). They guard the rules against
 * learning the wording of the development sets: a change that only fits a
 * dev-set article leaves them where they are, and one that removes a kind
 * shows here.
 *
 * Batches p, q, r, s, t and u were written in that order; each was scored
 * once before any rule was written for it (docs/rules.md gives those
 * first-look figures, which are the honest out-of-sample ones). The floors
 * below are for the rules as they are now, which have seen all six batches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseLabelledArticles } from '../../lambdas/tagging/evaluate.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';

/** Measured at 0.955 (rules 2026-11-30.2); the floor leaves room for a few honest trade-offs. */
const MICRO_F1_FLOOR = 0.93;
const THEME_F1_FLOOR = 0.9;
const SIX_THEMES = ['coca', 'corruption', 'extortion', 'illegal_mining', 'police_violence', 'prisons'];
const file = path.join(import.meta.dirname, 'fixtures', 'kind-probes.jsonl');
const articles = parseLabelledArticles(readFileSync(file, 'utf8'), 'kind-probes.jsonl');
const tagger = loadTagger();
const result = evaluate(articles, tagger);

describe('kind probes', () => {
  it('labels only the six themes, in both languages, with traps that carry no theme', () => {
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(Object.keys(result.themes).sort()).toEqual(SIX_THEMES);
    expect(articles.filter((a) => a.lang === 'en').length).toBeGreaterThanOrEqual(40);
    expect(articles.filter((a) => a.labels.length === 0).length).toBeGreaterThanOrEqual(70);
  });

  it(`keeps micro-F1 at or above ${MICRO_F1_FLOOR}`, () => {
    expect(result.micro.f1).toBeGreaterThanOrEqual(MICRO_F1_FLOOR);
  });

  it.each(SIX_THEMES)(`keeps %s at F1 >= ${THEME_F1_FLOOR}`, (theme) => {
    expect(result.themes[theme]?.f1).toBeGreaterThanOrEqual(THEME_F1_FLOOR);
  });

  it.each([
    ['q01', 'extortion', 'a racket told by what happens to drivers who do not pay'],
    ['r15', 'police_violence', 'agents who staged a shootout'],
    ['q10', 'corruption', 'officers selling information to a gang'],
    ['q34', 'illegal_mining', 'miners without permits'],
    ['q32', 'coca', 'backpack couriers in the VRAEM'],
    ['r19', 'prisons', 'children living with their mothers in prison'],
  ])('tags %s as %s (%s), which names no theme word', (id, theme) => {
    const article = articles.find((a) => a.id === id)!;
    expect(tagger.tag({ title: article.title, summary: '', text: article.text }).themes.map((t) => t.theme)).toContain(theme);
  });

  it.each([
    ['s06', 'university cupos'],
    ['s02', 'a release on bail'],
    ['s05', 'police injured at a protest'],
    ['r27', 'cocaine found in a prison search (prisons only)'],
    ['q31', 'Coca, the Ecuadorian town'],
    ['p24', 'an iPhone jailbreak'],
  ])('gives %s (%s) none of the themes it only seems to be about', (id) => {
    const article = articles.find((a) => a.id === id)!;
    const tagged = tagger.tag({ title: article.title, summary: '', text: article.text }).themes.map((t) => t.theme).filter((t) => SIX_THEMES.includes(t));
    expect(tagged).toEqual(article.labels);
  });
});
