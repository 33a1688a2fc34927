/**
 * The development set: 169 labelled articles written by the team (Spanish and
 * English, positives for every theme, hard negatives). Issue 13 relabelled
 * twelve lines: eight foreign stories had no theme under the old
 * foreign-news scope rule and now carry their theme, and four lost `coca`,
 * which now means coca grown for cocaine and the cocaine trade only.
 * Micro-F1 measured at 0.938 after that and 0.942 with the rules of version
 * 2026-11-30.2 (the generalisation pass); the floor (0.93) is what issue 13
 * asks this set to keep.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseLabelledArticles } from '../../lambdas/tagging/evaluate.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';

const MICRO_F1_FLOOR = 0.93;
/** drug_trafficking (issue 13) is newer than this set; it is measured on no labels here. */
const THEMES_NOT_LABELLED = ['drug_trafficking'];
const file = path.join(import.meta.dirname, 'dev-set.jsonl');
const articles = parseLabelledArticles(readFileSync(file, 'utf8'), 'dev-set.jsonl');
const tagger = loadTagger();

describe('dev set', () => {
  it('has at least 150 articles in Spanish and English, with ids used once', () => {
    expect(articles.length).toBeGreaterThanOrEqual(150);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(articles.filter((a) => a.lang === 'en').length).toBeGreaterThanOrEqual(30);
    expect(articles.filter((a) => a.lang === 'es').length).toBeGreaterThanOrEqual(100);
  });

  it('labels only theme ids of the rules, with positives for every theme but those added after it was written', () => {
    const labels = new Set(articles.flatMap((a) => a.labels));
    expect([...labels].sort()).toEqual(tagger.themes.map((t) => t.id).filter((id) => !THEMES_NOT_LABELLED.includes(id)).sort());
  });

  it('has hard negatives: articles with no label', () => {
    expect(articles.filter((a) => a.labels.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it(`keeps micro-F1 at or above ${MICRO_F1_FLOOR}`, () => {
    expect(evaluate(articles, tagger).micro.f1).toBeGreaterThanOrEqual(MICRO_F1_FLOOR);
  });

  it('detects the language given in the dev set for nearly every article', () => {
    const agree = articles.filter((a) => tagger.tag({ title: a.title, summary: '', text: a.text }).lang === a.lang).length;
    expect(agree / articles.length).toBeGreaterThanOrEqual(0.97);
  });
});
