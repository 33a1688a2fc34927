import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCorpus } from '../../bench/suites/tagging.ts';
import { createTagger, loadTagger, type TagInput } from '../../lambdas/tagging/tagger.ts';
import { fixtureGazetteer, fixtureRules, fixtureTheme, term } from './rules-fixture.ts';

const tagger = loadTagger();
const tag = (title: string, text: string, summary = '') => tagger.tag({ title, summary, text });
const themesOf = (title: string, text: string) => tag(title, text).themes.map((t) => t.theme);

describe('loadTagger', () => {
  it('offers the six core themes and more, with labels and descriptions in both languages', () => {
    const ids = tagger.themes.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['extortion', 'illegal_mining', 'prisons', 'coca', 'corruption', 'police_violence']));
    expect(ids.length).toBeGreaterThan(6);
    for (const theme of tagger.themes) {
      expect([theme.label.es, theme.label.en, theme.description.es, theme.description.en].every((s) => s.length > 0)).toBe(true);
    }
  });

  it('lists region ids and names for the CLI and the digest', () => {
    expect(tagger.regions).toEqual(expect.arrayContaining([{ id: 'la-libertad', name: 'La Libertad' }, { id: 'vraem', name: 'VRAEM' }]));
  });

  it('compiles the bundled rules once per process', () => {
    expect(loadTagger()).toBe(tagger);
  });
});

describe('Tagger.tag with the bundled rules', () => {
  it('tags a story whose text holds a 200,000-letter word with a combining mark (a hostile feed item), as without it', () => {
    // Such a word once threw RangeError (call stack) in the scan, which failed the whole feed's poll.
    const text = 'Los delincuentes exigían el pago de cupos a la empresa de transportes.';
    const hostile = `${'a'.repeat(100_000)}\u0301${'a'.repeat(100_000)} ${text}`;
    expect(themesOf('Extorsionadores atacan bus en Trujillo', hostile)).toEqual(themesOf('Extorsionadores atacan bus en Trujillo', text));
    expect(themesOf('Extorsionadores atacan bus en Trujillo', text)).toContain('extortion');
  });

  it('tags a Spanish extortion story', () => {
    expect(themesOf('Extorsionadores atacan bus en Trujillo', 'Los delincuentes exigían el pago de cupos a la empresa de transportes.')).toContain('extortion');
  });

  it('tags penal near prison words as prisons', () => {
    expect(themesOf('Fuga en el penal', 'Tres reos escaparon del penal de Río Seco; el INPE destituyó al director.')).toContain('prisons');
  });

  it('does not tag a football penalty as prisons', () => {
    expect(themesOf('Alianza Lima ganó con un penal en el último minuto', 'El árbitro cobró penal y el delantero anotó el gol.')).not.toContain('prisons');
  });

  it('does not tag the criminal code or criminal records as prisons', () => {
    expect(themesOf('Congreso modifica el Código Penal', 'La reforma cambia el proceso penal y los antecedentes penales.')).not.toContain('prisons');
  });

  it('does not tag cárcel used as a metaphor', () => {
    expect(themesOf('El tráfico de Lima, una cárcel sin rejas', 'Los conductores pierden dos horas al día; la ciudad es una cárcel.')).not.toContain('prisons');
  });

  it('does not tag Coca-Cola business news as coca', () => {
    expect(themesOf('Coca-Cola invierte en nueva planta', 'La embotelladora de Coca-Cola amplía su producción de gaseosas.')).not.toContain('coca');
  });

  it('tags coca crops as coca', () => {
    expect(themesOf('Cultivos de coca crecen en el VRAEM', 'Devida reporta más hectáreas de hoja de coca y más cocaína.')).toContain('coca');
  });

  it('does not tag legal mining business news as illegal mining', () => {
    expect(themesOf('Antamina invertirá 2 mil millones', 'La gran minería prevé nuevas inversiones en cobre, según la Sociedad Nacional de Minería.')).not.toContain('illegal_mining');
  });

  it('tags crime news from another country with its theme, and says which country', () => {
    const result = tag('Ecuador: motín en cárcel de Guayaquil', 'La Penitenciaría del Litoral de Guayaquil vivió otra masacre de reos en Ecuador.');
    expect(result.themes.map((t) => t.theme)).toEqual(['prisons']);
    expect(result.countries).toEqual(['EC']);
  });

  it.each([
    ['BO', 'La FELCN incauta una avioneta con droga en Riberalta', 'La Fuerza Especial de Lucha Contra el Narcotráfico detuvo a dos pilotos; el cargamento iba a Tarija.'],
    ['EC', 'Nuevo motín en la cárcel de Latacunga', 'El SNAI confirmó seis reos muertos; la Policía Nacional del Ecuador retomó el pabellón.'],
    ['CO', 'El INPEC traslada a cabecillas tras una fuga', 'La Policía Nacional de Colombia recapturó a tres internos en Buenaventura.'],
    ['BR', 'Polícia Federal destruye dragas de garimpo en Rondônia', 'Los agentes de Porto Velho hallaron mercurio en las balsas.'],
  ])('names %s from its police, prison service and towns when the country itself is not named', (code, title, text) => {
    expect(tag(title, text).countries[0]).toBe(code);
  });

  it('gives Peru-only news the countries ["PE"]', () => {
    expect(tag('Extorsionadores atacan bus en San Juan de Lurigancho', 'La Policía Nacional del Perú busca a la banda que cobra cupos.').countries).toEqual(['PE']);
  });

  it('narrows coca to coca grown for cocaine: coca tea, Coca-Cola and the Ecuadorian town are not coca', () => {
    const themesOf = (title: string, text: string) => tag(title, text).themes.map((t) => t.theme);
    expect(themesOf('Cómo combatir el soroche en Cusco', 'Los turistas toman mate de coca al llegar; la hoja de coca es sagrada en los Andes.')).not.toContain('coca');
    expect(themesOf('Visiting Coca', 'Coca, in Francisco de Orellana, Ecuador, is an oil town on the Napo river.')).not.toContain('coca');
    expect(themesOf('Erradican 500 hectáreas de cultivos de coca ilegal', 'El CORAH destruyó pozas de maceración de pasta básica de cocaína.')).toContain('coca');
    expect(themesOf('Incautan marihuana en Huánuco', 'La policía decomisó dos toneladas de marihuana.')).toEqual(['drug_trafficking']);
  });

  it('sorts theme tags by score, highest first, with only themes over threshold', () => {
    const input = { title: 'Minería ilegal en Pataz: extorsión a mineros', summary: '', text: 'Los mineros ilegales de Pataz cobran cupos. La minería ilegal crece.' };
    const result = tagger.tag(input);
    const scores = result.themes.map((t) => t.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.themes[0]?.theme).toBe('illegal_mining');
    const overThreshold = tagger.explain(input).themes.filter((t) => t.score >= t.threshold).map((t) => t.theme);
    expect(result.themes.map((t) => t.theme)).toEqual(overThreshold);
  });

  it('stores each tag with hits that name term, field, count, snippet and source only', () => {
    const [theme] = tag('Extorsionadores atacan bus', 'Cobro de cupos en Comas.').themes;
    expect(Object.keys(theme?.hits[0] ?? {}).sort()).toEqual(['count', 'field', 'snippet', 'source', 'term']);
  });

  it('reads a summary that the text repeats only once', () => {
    const summary = 'Vecinos denuncian cobro de cupos.';
    const once = tagger.explain({ title: '', summary: '', text: `${summary} Otro párrafo.` });
    const twice = tagger.explain({ title: '', summary, text: `${summary} Otro párrafo.` });
    expect(twice.themes).toEqual(once.themes);
  });

  it('stores the language', () => {
    expect(tag('Police killed protesters', 'The police said that the protesters were armed.').lang).toBe('en');
    expect(tag('Policía', 'La policía dijo que los manifestantes estaban armados.').lang).toBe('es');
  });
});

describe('Tagger.tag and Tagger.explain agree', () => {
  // tag() has its own lean path (tagArticle) next to explain()'s (explainArticle); they share every rule function, and this pins them together.
  const expectAgreement = (input: TagInput) => {
    const explained = tagger.explain(input);
    const expected = explained.themes
      .filter((t) => t.tagged)
      .map((t) => ({ theme: t.theme, score: t.score, hits: t.hits.map(({ term, field, count, snippet, source }) => ({ term, field, count, snippet, source })) }));
    expect(tagger.tag(input)).toEqual({ themes: expected, regions: explained.regions, countries: explained.countries, lang: explained.lang });
  };

  it('on every article of the team\'s dev set: same tagged themes, scores, hits, snippets, regions and countries', () => {
    const lines = readFileSync(path.join(import.meta.dirname, 'dev-set.jsonl'), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      const { title, text } = JSON.parse(line) as { title: string; text: string };
      expectAgreement({ title, summary: '', text });
    }
  });

  it('on the 4 KB bench articles, which fire every theme, its combinations and negatives, and on a summary the text does not repeat', () => {
    const corpus = benchCorpus(42, 120);
    for (const article of corpus) expectAgreement(article);
    expect(new Set(corpus.flatMap((a) => tagger.tag(a).themes.map((t) => t.theme))).size).toBe(tagger.themes.length);
    expectAgreement({ title: 'Extorsión en Comas', summary: 'Cobran cupos a mototaxistas en Comas.', text: 'La policía capturó a dos extorsionadores en San Juan de Lurigancho.' });
  });
});

describe('Tagger.tag regions', () => {
  it('places a prison in its department, a mining town in its department and Lima\'s districts under Lima', () => {
    expect(tag('Motín en el penal de Challapalca', 'Los internos trasladados desde Castro Castro.').regions).toEqual(['lima', 'penal-castro-castro', 'penal-challapalca', 'tacna']);
    expect(tag('Mineros ilegales en Secocha', 'La policía llegó a Huepetuhe.').regions).toEqual(['arequipa', 'huepetuhe', 'madre-de-dios', 'secocha']);
    expect(tag('Extorsión en Villa María del Triunfo', 'Y también en La Molina.').regions).toEqual(['lima']);
  });

  it('tags the departments a zone spans along with the zone', () => {
    expect(tag('Narcotráfico en el VRAEM', 'Operativo en la zona.').regions).toEqual(['apurimac', 'ayacucho', 'cusco', 'huancavelica', 'junin', 'vraem']);
    expect(tag('Cultivos de coca en el Alto Huallaga', '').regions).toEqual(['huallaga', 'huanuco', 'san-martin']);
  });

  it('never takes a region from an outlet\'s name', () => {
    expect(tag('Cobran cupos a colectiveros', 'Según La Industria de Trujillo, la banda opera de noche.').regions).toEqual([]);
  });

  it('stores region ids, sorted, with the department of a city', () => {
    expect(tag('Balacera en Trujillo', 'También en Piura.').regions).toEqual(['la-libertad', 'piura', 'trujillo']);
  });

  it('needs the capitals a place name is written with', () => {
    expect(tag('', 'Defendemos la libertad de prensa y la libertad de los pueblos.').regions).toEqual([]);
    expect(tag('', 'La Libertad registra más extorsiones.').regions).toEqual(['la-libertad']);
  });

  it('ignores a place name used as a street', () => {
    expect(tag('', 'Un choque en la avenida Arequipa y el jirón Puno.').regions).toEqual([]);
  });

  it('reads a Lima district as Lima, not as the region it contains', () => {
    expect(tag('Robo en San Martín de Porres', 'Vecinos de San Martín de Porres denuncian robos.').regions).toEqual(['lima']);
  });

  it('does not read Alianza Lima as Lima', () => {
    expect(tag('Alianza Lima ganó', 'El club Alianza Lima celebró.').regions).toEqual([]);
  });

  it('reads a gazetteer from data with parents of any depth', () => {
    const gazetteer = fixtureGazetteer([
      { id: 'la-libertad', name: 'La Libertad', kind: 'department', terms: ['La Libertad'] },
      { id: 'pataz', name: 'Pataz', kind: 'province', parent: 'la-libertad', terms: ['Pataz'] },
      { id: 'vijus', name: 'Vijus', kind: 'district', parent: 'pataz', terms: ['Vijus'] },
    ]);
    const custom = createTagger(fixtureRules([fixtureTheme('t', [term('x')])]), gazetteer);
    expect(custom.tag({ title: 'Ataque en Vijus', summary: '', text: '' }).regions).toEqual(['la-libertad', 'pataz', 'vijus']);
  });
});

describe('lambdas/tagging purity', () => {
  const dir = path.join(import.meta.dirname, '../../lambdas/tagging');
  const runtime = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'reference-matcher.ts');

  it.each(runtime)('%s imports no AWS SDK and reads no network, environment, files or clock', (file) => {
    const source = readFileSync(path.join(dir, file), 'utf8');
    expect(source).not.toMatch(/@aws-sdk|\bfetch\(|process\.env|node:fs|Date\.now|new Date\(/);
  });
});
