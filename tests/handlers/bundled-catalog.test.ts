import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../lambdas/handlers/bundled-catalog.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';

describe('bundledCatalog', () => {
  it('names the same themes and regions, in the same order, as the compiled tagger', () => {
    const tagger = loadTagger();
    expect(bundledCatalog()).toEqual({ themes: tagger.themes, regions: tagger.regions });
  });

  it('holds every theme with both labels and every region with its name', () => {
    const { themes, regions } = bundledCatalog();
    expect(themes.length).toBeGreaterThan(5);
    expect(themes.find((t) => t.id === 'extortion')?.label.es).toMatch(/extorsi/i);
    expect(regions.find((r) => r.id === 'lima')?.name).toBe('Lima');
  });
});
