import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';

const tagger = loadTagger();
const themesOf = (title: string, text: string, summary = '') => tagger.tag({ title, summary, text }).themes.map((t) => t.theme);

describe('loadTagger', () => {
  it('offers the six core themes with labels in both languages', () => {
    const ids = tagger.themes.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['extortion', 'illegal_mining', 'prisons', 'coca', 'corruption', 'police_violence']));
    for (const theme of tagger.themes) {
      expect(theme.label.es.length).toBeGreaterThan(0);
      expect(theme.label.en.length).toBeGreaterThan(0);
    }
  });

  it('compiles the bundled rules once per process', () => {
    expect(loadTagger()).toBe(tagger);
  });

  it('tags a Spanish extortion story from its title and body', () => {
    expect(themesOf('Extorsionadores atacan bus en Trujillo', 'Los delincuentes exigían el pago de cupos a la empresa de transportes.')).toContain('extortion');
  });

  it('does not tag a football penalty as prisons', () => {
    expect(themesOf('Alianza Lima ganó con un penal en el último minuto', 'El árbitro cobró penal y el delantero anotó el gol.')).not.toContain('prisons');
  });

  it('does not tag Coca-Cola business news as coca', () => {
    expect(themesOf('Coca-Cola invierte en nueva planta', 'La embotelladora de Coca-Cola amplía su producción de gaseosas.')).not.toContain('coca');
  });

  it('sorts theme tags by score, highest first', () => {
    const result = tagger.tag({
      title: 'Minería ilegal en Pataz: extorsión a mineros',
      summary: '',
      text: 'Los mineros ilegales de Pataz cobran cupos. La minería ilegal crece en La Libertad.',
    });
    const scores = result.themes.map((t) => t.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.themes[0]?.theme).toBe('illegal_mining');
  });

  it('stores region ids, sorted, with the department of a city', () => {
    expect(tagger.tag({ title: 'Balacera en Trujillo', summary: '', text: 'También en Piura.' }).regions).toEqual(['la-libertad', 'piura', 'trujillo']);
  });
});
