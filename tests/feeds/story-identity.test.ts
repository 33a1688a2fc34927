import { describe, expect, it } from 'vitest';
import { joinStories, STORY_WINDOW_MS, storyKeysOf } from '../../lambdas/feeds/story-identity.ts';
import type { ArticleDraft } from '../../lambdas/model/article.ts';
import type { StoredArticle, StoredLookup, StoryRef } from '../../lambdas/store/article-store.ts';
import { makeDraft } from './make-draft.ts';

const KEY = 'diariocorreo.pe|capturan a tres extorsionadores en chiclayo';
const OUTLET_ID = 'a'.repeat(32);

function draft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  return makeDraft({
    id: 'b'.repeat(32),
    canonicalUrl: 'https://news.google.com/rss/articles/CBMi1',
    title: 'Capturan a tres extorsionadores en Chiclayo',
    feedId: 'gn',
    sources: [{ feedId: 'gn', feedName: 'Diario Correo', link: 'https://news.google.com/rss/articles/CBMi1', via: 'Google News' }],
    storyKey: KEY,
    aggregatorLink: true,
    ...overrides,
  });
}

function lookup(articles: Record<string, StoredArticle>, stories: Record<string, StoryRef>): StoredLookup {
  return Object.assign(new Map(Object.entries(articles)), { stories: new Map(Object.entries(stories)), repaired: new Set<string>() });
}

const outletStored = { sources: [{ feedId: 'correo', feedName: 'Correo', link: 'https://diariocorreo.pe/nota/' }] };
const ref = (publishedAt: string): StoryRef => ({ articleId: OUTLET_ID, publishedAt });

describe('joinStories', () => {
  it('a copy whose own article is not stored joins the article its story key leads to, with a sentence for the report', () => {
    const joined = joinStories([draft()], lookup({ [OUTLET_ID]: outletStored }, { [KEY]: ref('2026-11-22T14:00:00.000Z') }));
    expect(joined.drafts.map((d) => d.id)).toEqual([OUTLET_ID]);
    expect(joined.drafts[0]?.sources).toEqual(draft().sources);
    expect(joined.merged).toEqual([
      `"Capturan a tres extorsionadores en Chiclayo" (https://news.google.com/rss/articles/CBMi1) is a story already stored from another feed (same outlet diariocorreo.pe, same title): merged into article ${OUTLET_ID}`,
    ]);
  });

  it('joins within the window either side, not beyond it: the same headline days apart is another story', () => {
    const at = (ms: number) => new Date(Date.parse('2026-11-22T15:00:00.000Z') + ms).toISOString();
    const idFor = (storedAt: string) => joinStories([draft()], lookup({ [OUTLET_ID]: outletStored }, { [KEY]: ref(storedAt) })).drafts[0]!.id;
    expect(idFor(at(STORY_WINDOW_MS))).toBe(OUTLET_ID);
    expect(idFor(at(-STORY_WINDOW_MS))).toBe(OUTLET_ID);
    expect(idFor(at(STORY_WINDOW_MS + 1))).toBe(draft().id);
    expect(idFor(at(-STORY_WINDOW_MS - 60_000))).toBe(draft().id);
  });

  it('a copy whose own article is stored stays itself, whatever its key says', () => {
    const own = { sources: draft().sources };
    const joined = joinStories([draft()], lookup({ [draft().id]: own, [OUTLET_ID]: outletStored }, { [KEY]: ref('2026-11-22T14:00:00.000Z') }));
    expect(joined).toEqual({ drafts: [draft()], merged: [] });
  });

  it('a key whose article is not among the stored (gone, expired) leads nowhere', () => {
    const joined = joinStories([draft()], lookup({}, { [KEY]: ref('2026-11-22T14:00:00.000Z') }));
    expect(joined).toEqual({ drafts: [draft()], merged: [] });
  });

  it('a copy already among the article’s sources joins it silently (nothing to merge, nothing to report)', () => {
    const both = { sources: [...outletStored.sources, ...draft().sources] };
    const joined = joinStories([draft()], lookup({ [OUTLET_ID]: both }, { [KEY]: ref('2026-11-22T14:00:00.000Z') }));
    expect(joined.drafts.map((d) => d.id)).toEqual([OUTLET_ID]);
    expect(joined.merged).toEqual([]);
  });

  it('drafts without a key are left alone, and keys are asked for once each', () => {
    const keyless = draft({ storyKey: undefined });
    expect(joinStories([keyless], lookup({ [OUTLET_ID]: outletStored }, {})).drafts).toEqual([keyless]);
    expect(storyKeysOf([draft(), draft({ id: 'c'.repeat(32) }), keyless])).toEqual([KEY]);
  });
});
