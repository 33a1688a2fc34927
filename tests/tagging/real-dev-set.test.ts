/**
 * The real development set (issue 13): 242 real excerpts (../shared/tagging-dev,
 * labelled under the held-out set's guidelines, kept outside the repository
 * for licensing). It runs when CENTINELA_TAGGING_DEV names the set (.ci/run
 * sets ../shared/tagging-dev/articles.jsonl); otherwise it shows up as NOT RUN
 * with that command (tests/support/optional-inputs.ts).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { evaluate, parseLabelledArticles } from '../../lambdas/tagging/evaluate.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { describeWith, taggingDevInput } from '../support/optional-inputs.ts';

/** Issue 13's "Done when": micro-F1, per-theme F1 and precision, country accuracy. */
const MICRO_F1_FLOOR = 0.88;
const THEME_F1_FLOOR = 0.8;
const THEME_PRECISION_FLOOR = 0.85;
const COUNTRY_ACCURACY_FLOOR = 0.95;
const SIX_THEMES = ['coca', 'corruption', 'extortion', 'illegal_mining', 'police_violence', 'prisons'];

describeWith(taggingDevInput, 'real development set (tagging-dev)', (file) => {
  const articles = parseLabelledArticles(readFileSync(file, 'utf8'), file);
  const result = evaluate(articles, loadTagger());

  it('is the six-theme set with country labels', () => {
    expect(articles.length).toBeGreaterThanOrEqual(200);
    expect(Object.keys(result.themes).sort()).toEqual(SIX_THEMES);
    expect(result.country?.articles).toBe(articles.length);
  });

  it(`keeps micro-F1 at or above ${MICRO_F1_FLOOR}`, () => {
    expect(result.micro.f1).toBeGreaterThanOrEqual(MICRO_F1_FLOOR);
  });

  it.each(SIX_THEMES)(`keeps %s at F1 >= ${THEME_F1_FLOOR} and precision >= ${THEME_PRECISION_FLOOR}`, (theme) => {
    expect(result.themes[theme]?.f1).toBeGreaterThanOrEqual(THEME_F1_FLOOR);
    expect(result.themes[theme]?.precision).toBeGreaterThanOrEqual(THEME_PRECISION_FLOOR);
  });

  it(`decides Peru or not for at least ${COUNTRY_ACCURACY_FLOOR} of the articles`, () => {
    expect(result.country?.accuracy).toBeGreaterThanOrEqual(COUNTRY_ACCURACY_FLOOR);
  });
});
