/** Small rule files for unit tests, so each test states the rules it relies on. */
export function fixtureRules(themes: unknown[], overrides: Record<string, unknown> = {}) {
  return {
    version: 'test',
    seeds: [{ file: 'seed-a.txt', title: 'Seed A' }],
    scoring: { fieldWeights: { title: 2, summary: 1, text: 1 }, repeatBonus: 0.25, repeatCap: 5, window: 5 },
    contexts: { prison: ['inpe', 'reos'] },
    language: { es: ['el', 'la', 'de', 'que'], en: ['the', 'of', 'and', 'that'] },
    themes,
    ...overrides,
  };
}

export function fixtureTheme(id: string, terms: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id,
    label: { es: id, en: id },
    description: { es: id, en: id },
    threshold: 2,
    terms,
    ...extra,
  };
}

export const term = (text: string, weight = 2, extra: Record<string, unknown> = {}) => ({ term: text, weight, lang: 'es', source: 'coverage', ...extra });

/** Peru (home, weight 2) and Ecuador as countries; Lima as the one region. */
export function fixtureGazetteer(regions: unknown[] = [{ id: 'lima', name: 'Lima', kind: 'department', terms: ['Lima'] }], streetWords: string[] = [], extra: Record<string, unknown> = {}) {
  return {
    version: 'test',
    streetWords,
    regions,
    countries: {
      home: 'PE',
      homeWeight: 2,
      minScore: 2,
      share: 0.5,
      list: [
        { code: 'PE', name: 'Peru', terms: ['Perú', 'peruano'] },
        { code: 'EC', name: 'Ecuador', terms: ['Ecuador', 'Guayaquil', 'ecuatoriano'] },
      ],
    },
    ...extra,
  };
}
