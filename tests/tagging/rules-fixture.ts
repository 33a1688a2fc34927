/** Small rule files for unit tests, so each test states the rules it relies on. */
export function fixtureRules(themes: unknown[], overrides: Record<string, unknown> = {}) {
  return {
    version: 'test',
    seeds: [{ file: 'seed-a.txt', title: 'Seed A' }],
    scoring: { fieldWeights: { title: 2, summary: 1, text: 1 }, repeatBonus: 0.25, repeatCap: 5, window: 5 },
    contexts: { prison: ['inpe', 'reos'] },
    scope: { peru: ['Perú'], foreign: ['Ecuador', 'Guayaquil'], minForeign: 2, ratio: 3 },
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

export function fixtureGazetteer(regions: unknown[] = [{ id: 'lima', name: 'Lima', kind: 'department', terms: ['Lima'] }], streetWords: string[] = []) {
  return { version: 'test', streetWords, regions };
}
