import { describe, expect, it } from 'vitest';
import { periodStarting } from '../../lambdas/digest/period.ts';
import { buildRegionSection, isHomeStory, REGION_STORIES, splitByCountry } from '../../lambdas/digest/region-section.ts';
import type { ListingItem } from '../../lambdas/store/article-store.ts';
import { listing } from './sample-digest.ts';

// Lima day 20 Nov 2026: [2026-11-20T05:00Z, 2026-11-21T05:00Z); listing(n) is published that day.
const period = periodStarting('daily', '2026-11-20');
const about = (n: number, theme: string, countries: string[], extra: Partial<ListingItem> = {}) => listing(n, theme, { countries, articleId: `a${n}`, ...extra });

describe('isHomeStory', () => {
  it('is true for stories about Peru, alone or with others, and for those of unknown country', () => {
    expect([['PE'], ['EC', 'PE'], [], ['EC'], ['CO', 'BO']].map((countries) => isHomeStory({ countries }))).toEqual([true, true, true, false, false]);
  });
});

describe('splitByCountry', () => {
  const byTheme = new Map([
    ['extortion', [about(1, 'extortion', ['PE']), about(2, 'extortion', ['EC']), about(3, 'extortion', [])]],
    ['prisons', [about(4, 'prisons', ['CO']), about(2, 'prisons', ['EC']), about(5, 'prisons', ['EC', 'PE'])]],
  ]);
  const ids = (items: ListingItem[] | undefined) => (items ?? []).map((i) => i.articleId);

  it('for Peru only, keeps home stories per theme and nothing abroad', () => {
    const split = splitByCountry(byTheme, ['PE']);
    expect(ids(split.home.get('extortion'))).toEqual(['a1', 'a3']);
    expect(ids(split.home.get('prisons'))).toEqual(['a5']);
    expect(split.abroad).toEqual([]);
  });

  it('sends stories about the other chosen countries abroad, and leaves out countries not chosen', () => {
    const split = splitByCountry(byTheme, ['PE', 'EC']);
    expect(ids(split.home.get('extortion'))).toEqual(['a1', 'a3']);
    expect(ids(split.abroad)).toEqual(['a2', 'a2']);
  });

  it('without Peru, leaves the theme sections empty', () => {
    const split = splitByCountry(byTheme, ['CO', 'EC']);
    expect([...split.home.values()].flat()).toEqual([]);
    expect(ids(split.abroad)).toEqual(['a2', 'a4', 'a2']);
  });
});

describe('buildRegionSection', () => {
  it('is absent when no story qualifies', () => {
    expect(buildRegionSection([], period, 'es', 0)).toBeUndefined();
    expect(buildRegionSection([about(1, 'prisons', ['EC'], { score: 2 })], period, 'es', 3)).toBeUndefined();
    expect(buildRegionSection([about(1, 'prisons', ['EC'], { publishedAt: '2026-11-19T12:00:00.000Z' })], period, 'es', 0)).toBeUndefined();
  });

  it('lists each article once with its best score, ranked, and counts them all', () => {
    const section = buildRegionSection(
      [
        about(1, 'extortion', ['EC'], { score: 3 }),
        about(1, 'prisons', ['EC'], { score: 9 }),
        about(2, 'extortion', ['CO'], { score: 6 }),
      ],
      period,
      'en',
      0,
    )!;
    expect(section.label).toBe('In the region');
    expect(section.articleCount).toBe(2);
    expect(section.stories.map((s) => [s.lead.articleId, s.lead.score])).toEqual([['a1', 9], ['a2', 6]]);
  });

  it('folds retellings of one story and keeps at most REGION_STORIES stories', () => {
    const retold = about(50, 'prisons', ['EC'], { title: 'Masacre en la Penitenciaría del Litoral deja 31 reos muertos', score: 9, feedName: 'El Universo' });
    const retelling = about(51, 'prisons', ['EC'], { title: 'Penitenciaría del Litoral: masacre deja 31 reos muertos', score: 8, feedName: 'Primicias' });
    const others = Array.from({ length: 8 }, (_, k) => about(k + 1, 'extortion', ['CO'], { score: 5 - k * 0.5 }));
    const section = buildRegionSection([retold, retelling, ...others], period, 'es', 0)!;
    expect(section.label).toBe('En la región');
    expect(section.articleCount).toBe(10);
    expect(section.stories).toHaveLength(REGION_STORIES);
    expect(section.stories[0]).toMatchObject({ lead: retold, alsoIn: [{ feedName: 'Primicias', url: retelling.url }], outlets: 2 });
    expect(section.stories.slice(1).map((s) => s.lead.articleId)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });
});
