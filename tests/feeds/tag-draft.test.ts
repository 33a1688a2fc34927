import { describe, expect, it } from 'vitest';
import { tagDraft } from '../../lambdas/feeds/poll-feeds.ts';
import type { ArticleDraft, TagResult } from '../../lambdas/model/article.ts';

const draft: ArticleDraft = {
  id: '0'.repeat(32),
  canonicalUrl: 'https://noticias.example.pe/nota',
  title: 'Masacre en la Penitenciaría del Litoral',
  summary: 'Resumen.',
  text: 'Texto.',
  categories: [],
  publishedAt: '2026-11-20T14:00:00.000Z',
  dateSource: 'feed',
  firstSeenAt: '2026-11-20T14:05:00.000Z',
  feedId: 'larepublica',
  sources: [{ feedId: 'larepublica', feedName: 'La República', link: 'https://noticias.example.pe/nota' }],
};
const tagged: TagResult = { themes: [{ theme: 'prisons', score: 9, hits: [] }], regions: [], countries: ['EC', 'PE'], lang: 'es' };

describe('tagDraft', () => {
  it('stores the countries the tagger decided, in its order, next to the themes', () => {
    const article = tagDraft(draft, { tag: () => tagged });
    expect(article.countries).toEqual(['EC', 'PE']);
    expect(article.themes).toEqual(tagged.themes);
    expect(article.id).toBe(draft.id);
  });
});
