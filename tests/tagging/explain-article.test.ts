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
    const far = tagOf(themes, '', 'el penal uno dos tres cuatro cinco seis siete reos').themes[0];
    expect(far).toMatchObject({ tagged: false, hits: [], suppressed: [{ term: 'penal', reason: 'context missing', count: 1 }] });
  });

  it('does not let a term confirm itself as its own context', () => {
    const themes = [fixtureTheme('prisons', [term('reos', 2, { context: ['@prison'] })])];
    expect(tagOf(themes, '', 'reos y reos').themes[0]).toMatchObject({ tagged: false, hits: [], suppressed: [{ term: 'reos', reason: 'context missing', count: 2 }] });
  });

  it('treats the title as near every word of the body', () => {
    const themes = [fixtureTheme('prisons', [term('penal', 2, { context: ['inpe'] })])];
    const far = `${'palabra '.repeat(50)} inpe`;
    expect(tagOf(themes, 'Fuga del penal', far).themes[0]?.tagged).toBe(true);
  });

  it('drops a term with a notNear word nearby', () => {
    const themes = [fixtureTheme('prisons', [term('penal', 2, { notNear: ['gol'] })])];
    expect(tagOf(themes, '', 'el penal terminó en gol').themes[0]).toMatchObject({ tagged: false, hits: [], suppressed: [{ term: 'penal', reason: 'negative context', detail: 'gol' }] });
    expect(tagOf(themes, '', 'el penal de Lurigancho').themes[0]?.tagged).toBe(true);
  });

  it('drops a term that is part of an exclude phrase, and only there', () => {
    const themes = [fixtureTheme('coca', [term('coca', 2, { exclude: ['Coca-Cola'] })])];
    expect(tagOf(themes, '', 'Coca-Cola y coca cola').themes[0]).toMatchObject({ tagged: false, hits: [], suppressed: [{ term: 'coca', reason: 'excluded', detail: 'Coca-Cola', count: 2 }] });
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

  it('tags themes whatever the country: the country is a separate decision', () => {
    const themes = [fixtureTheme('t', [term('cupos', 3)])];
    const explanation = tagOf(themes, 'Cupos en Guayaquil', 'En Ecuador cobran cupos');
    expect(explanation.themes[0]?.tagged).toBe(true);
    expect(explanation.countries).toEqual(['EC']);
  });

  it('reports a term inside a longer term of the same theme as suppressed, naming the longer term', () => {
    const themes = [fixtureTheme('mining', [term('minería', 1), term('minería ilegal', 3)])];
    expect(tagOf(themes, '', 'la minería ilegal').themes[0]?.suppressed).toEqual([
      { term: 'minería', reason: 'inside a longer term', detail: 'minería ilegal', field: 'text', count: 1, snippet: 'la minería ilegal' },
    ]);
  });
});

describe('explainArticle per-term negative contexts', () => {
  const coca = [fixtureTheme('coca', [term('coca', 3, { notNear: ['mate', 'té', 'ENACO'], window: 4 })])];

  it('drops coca next to a word of its negative context, and says which word', () => {
    const theme = tagOf(coca, '', 'Un mate de coca para el soroche').themes[0];
    expect(theme).toMatchObject({ tagged: false, hits: [], suppressed: [{ term: 'coca', reason: 'negative context', detail: 'mate' }] });
  });

  it('keeps coca when the negative context is further away than the window', () => {
    const theme = tagOf(coca, '', 'Erradican coca ilegal en el valle uno dos tres cuatro cinco seis; luego un mate').themes[0];
    expect(theme).toMatchObject({ tagged: true, suppressed: [] });
  });
});

describe('explainArticle combinations', () => {
  const contexts = { death: ['muertos', 'heridos'], protest: ['protesta', 'manifestantes'], forces: ['policía', 'militares'] };
  const combination = (within: number | 'sentence', weight = 3) => ({ name: 'deaths_protest_forces', groups: ['@death', '@protest', '@forces'], within, weight, source: 'coverage' });
  const theme = (within: number | 'sentence', extra: Record<string, unknown> = {}) => [
    fixtureTheme('police_violence', [term('represión', 2)], { threshold: 3, combinations: [combination(within)], ...extra }),
  ];
  const explain = (within: number | 'sentence', text: string, extra: Record<string, unknown> = {}) =>
    tagOf(theme(within, extra), '', text, { contexts }).themes[0];

  it('fires when every group occurs within the window of the first group, with its weight', () => {
    const result = explain(8, 'Dos muertos en la protesta tras disparos de la policía.');
    expect(result).toMatchObject({ tagged: true, score: 3 });
    expect(result?.hits[0]).toMatchObject({
      term: 'combination deaths_protest_forces',
      points: 3,
      count: 1,
      groups: [
        { group: '@death', term: 'muertos' },
        { group: '@protest', term: 'protesta' },
        { group: '@forces', term: 'policía' },
      ],
    });
    expect(result?.hits[0]?.snippet).toContain('muertos en la protesta tras disparos de la policía');
  });

  it('does not fire when a group is further than the window, and reports the near miss', () => {
    const result = explain(3, 'Dos muertos en la protesta de ayer, según informó hoy la policía.');
    expect(result?.tagged).toBe(false);
    expect(result?.suppressed).toContainEqual(expect.objectContaining({ term: 'combination deaths_protest_forces', reason: 'combination incomplete', detail: 'all groups present, but not within 3 words' }));
  });

  it('with "sentence", fires inside one sentence and not across a full stop', () => {
    expect(explain('sentence', 'Hubo muertos y heridos durante la larga protesta del martes que reprimió la policía.')?.tagged).toBe(true);
    expect(explain('sentence', 'Hubo muertos en la protesta. Al día siguiente llegó la policía.')?.tagged).toBe(false);
  });

  it('names the missing group when one group is absent', () => {
    const result = explain(10, 'Dos muertos en la protesta del martes.');
    expect(result?.suppressed).toContainEqual(expect.objectContaining({ reason: 'combination incomplete', detail: 'no @forces in the article' }));
  });

  it('does not fire near one of its notNear phrases', () => {
    const combinations = [{ ...combination(10), notNear: ['simulacro'] }];
    const result = tagOf([fixtureTheme('police_violence', [term('represión', 2)], { threshold: 3, combinations })], '', 'Simulacro: muertos en la protesta y la policía.', { contexts }).themes[0];
    expect(result?.tagged).toBe(false);
    expect(result?.suppressed[0]).toMatchObject({ reason: 'combination incomplete', detail: 'a negative context is near' });
  });

  it('adds to the score of terms, and repeats earn the repeat bonus like a term', () => {
    const result = explain(6, 'Represión: muertos en la protesta por la policía; más muertos en otra protesta por la policía.');
    expect(result?.hits.map((h) => [h.term, h.points])).toEqual([
      ['combination deaths_protest_forces', 3.75],
      ['represión', 2],
    ]);
    expect(result?.score).toBe(5.75);
  });

  it('rejects a combination naming a group that is not defined', () => {
    const themes = [fixtureTheme('t', [term('x', 2)], { combinations: [{ name: 'c', groups: ['@death', '@nope'], within: 5, weight: 2, source: 'coverage' }] })];
    expect(() => createTagger(fixtureRules(themes, { contexts }), fixtureGazetteer())).toThrow(/combination "c": group "@nope" is not defined in "contexts"/);
  });
});

describe('explainArticle countries', () => {
  const themes = [fixtureTheme('t', [term('cupos', 3)])];

  it('puts Peru first for Peru-only news, counting region names as Peruvian markers', () => {
    expect(tagOf(themes, 'Cupos en Lima', 'Los comerciantes de Lima denuncian cupos.').countries).toEqual(['PE']);
  });

  it('lists another country first when its markers outweigh Peru\'s (Peru counts double)', () => {
    const explanation = tagOf(themes, 'Cupos en Guayaquil', 'En Ecuador y en Guayaquil cobran cupos; una banda ecuatoriana llegó a Perú.');
    expect(explanation.countries).toEqual(['EC', 'PE']);
    expect(explanation.countryScores).toEqual([
      { code: 'EC', score: 4, markers: ['Ecuador', 'Guayaquil'] },
      { code: 'PE', score: 2, markers: ['Perú'] },
    ]);
  });

  it('is empty when no country reaches minScore', () => {
    expect(tagOf(themes, '', 'Cobran cupos en el barrio.').countries).toEqual([]);
  });

  it('never counts a place inside an outlet\'s name', () => {
    const gazetteer = fixtureGazetteer(undefined, [], { outlets: ['Diario de Lima'] });
    const explanation = createTagger(fixtureRules(themes), gazetteer).explain({ title: 'Cobran cupos', summary: '', text: 'Según el Diario de Lima, cobran cupos.' });
    expect(explanation.regions).toEqual([]);
    expect(explanation.countries).toEqual([]);
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
