import { describe, expect, it } from 'vitest';
import { createTagger } from '../../lambdas/tagging/tagger.ts';
import { fixtureGazetteer, fixtureRules, fixtureTheme, term } from './rules-fixture.ts';

const tagOf = (themes: unknown[], title: string, text: string, overrides: Record<string, unknown> = {}) =>
  createTagger(fixtureRules(themes, overrides), fixtureGazetteer()).explain({ title, summary: '', text });

describe('explainArticle scoring', () => {
  it('weighs a term in the title by the title field weight', () => {
    const themes = [fixtureTheme('t', [term('cupos', 1)], { threshold: 2 })];
    expect(tagOf(themes, 'Cobran cupos', 'nada').themes[0]).toMatchObject({ score: 2, tagged: true });
    expect(tagOf(themes, 'nada', 'Cobran cupos').themes[0]).toMatchObject({ score: 1, tagged: false });
  });

  it('adds a bonus for each repeat, up to the cap', () => {
    const themes = [fixtureTheme('t', [term('cupos', 2)])];
    expect(tagOf(themes, '', 'cupos cupos cupos').themes[0]?.score).toBe(3);
    expect(tagOf(themes, '', 'cupos '.repeat(20)).themes[0]?.score).toBe(4);
  });

  it('counts a term only near one of its context terms', () => {
    const themes = [fixtureTheme('prisons', [term('penal', 2, { context: ['@prison'] })])];
    expect(tagOf(themes, '', 'los reos del penal').themes[0]?.tagged).toBe(true);
    expect(tagOf(themes, '', 'el penal uno dos tres cuatro cinco seis siete reos').themes).toEqual([]);
  });

  it('does not let a term confirm itself as its own context', () => {
    const themes = [fixtureTheme('prisons', [term('reos', 2, { context: ['@prison'] })])];
    expect(tagOf(themes, '', 'reos y reos').themes).toEqual([]);
  });

  it('treats the title as near every word of the body', () => {
    const themes = [fixtureTheme('prisons', [term('penal', 2, { context: ['inpe'] })])];
    const far = `${'palabra '.repeat(50)} inpe`;
    expect(tagOf(themes, 'Fuga del penal', far).themes[0]?.tagged).toBe(true);
  });

  it('drops a term with a notNear word nearby', () => {
    const themes = [fixtureTheme('prisons', [term('penal', 2, { notNear: ['gol'] })])];
    expect(tagOf(themes, '', 'el penal terminó en gol').themes).toEqual([]);
    expect(tagOf(themes, '', 'el penal de Lurigancho').themes[0]?.tagged).toBe(true);
  });

  it('drops a term that is part of an exclude phrase, and only there', () => {
    const themes = [fixtureTheme('coca', [term('coca', 2, { exclude: ['Coca-Cola'] })])];
    expect(tagOf(themes, '', 'Coca-Cola y coca cola').themes).toEqual([]);
    expect(tagOf(themes, '', 'Coca-Cola y hoja de coca').themes[0]?.hits[0]?.count).toBe(1);
  });

  it('subtracts negative terms from the score', () => {
    const themes = [fixtureTheme('mining', [term('minería ilegal', 3)], { negatives: [term('gran minería', 2)] })];
    expect(tagOf(themes, '', 'la gran minería y la minería ilegal').themes[0]).toMatchObject({ score: 1, tagged: false });
  });

  it('counts the longer of two overlapping terms of a theme', () => {
    const themes = [fixtureTheme('mining', [term('minería', 1), term('minería ilegal', 3)])];
    expect(tagOf(themes, '', 'la minería ilegal').themes[0]?.hits.map((h) => h.term)).toEqual(['minería ilegal']);
  });

  it('counts words matched by two terms once, for the term listed first', () => {
    const themes = [fixtureTheme('t', [term('extorsion*', 3), term('extorsiones', 3)])];
    expect(tagOf(themes, '', 'las extorsiones').themes[0]?.hits.map((h) => h.term)).toEqual(['extorsion*']);
  });

  it('gives a short body more weight when scoring.shortText says so', () => {
    const themes = [fixtureTheme('t', [term('cupos', 2)], { threshold: 3 })];
    const scoring = { fieldWeights: { title: 2, summary: 1, text: 1 }, repeatBonus: 0.25, repeatCap: 5, window: 5, shortText: { words: 5, weight: 1.5 } };
    expect(tagOf(themes, '', 'cobran cupos', { scoring }).themes[0]?.tagged).toBe(true);
    expect(tagOf(themes, '', 'cobran cupos a los vecinos del barrio', { scoring }).themes[0]?.tagged).toBe(false);
  });

  it('tags nothing in an article about another country', () => {
    const themes = [fixtureTheme('t', [term('cupos', 3)])];
    const explanation = tagOf(themes, 'Cupos en Guayaquil', 'En Ecuador cobran cupos');
    expect(explanation.scope.outOfScope).toBe(true);
    expect(explanation.themes[0]?.tagged).toBe(false);
  });

  it('keeps an article about Peru that mentions another country', () => {
    const themes = [fixtureTheme('t', [term('cupos', 3)])];
    expect(tagOf(themes, 'Cupos en Perú', 'Una banda de Ecuador cobra cupos en Perú').themes[0]?.tagged).toBe(true);
  });
});

describe('explainArticle explanations', () => {
  it('records field, count, source and a snippet around the first hit', () => {
    const themes = [fixtureTheme('t', [term('cupos', 2, { source: 'seed-a.txt' })])];
    const text = `${'Relleno '.repeat(20)}los extorsionadores cobraban cupos a los choferes de la ruta. ${'Más relleno '.repeat(20)} cupos`;
    const [hit] = tagOf(themes, 'Sin nada', text).themes[0]?.hits ?? [];
    expect(hit).toMatchObject({ term: 'cupos', field: 'text', count: 2, source: 'seed-a.txt' });
    expect(hit?.snippet).toContain('cobraban cupos a los choferes');
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit?.snippet.length).toBeLessThan(140);
  });

  it('names the title as the field when the term is in the title', () => {
    const themes = [fixtureTheme('t', [term('cupos', 2)])];
    expect(tagOf(themes, 'Cupos', 'cupos').themes[0]?.hits[0]?.field).toBe('title');
  });

  it('detects Spanish and English', () => {
    const themes = [fixtureTheme('t', [term('cupos', 2)])];
    expect(tagOf(themes, '', 'la casa de la familia que').lang).toBe('es');
    expect(tagOf(themes, '', 'the house of the family and that').lang).toBe('en');
  });
});
