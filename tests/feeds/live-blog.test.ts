import { describe, expect, it } from 'vitest';
import { alternateIds, separatePosts } from '../../lambdas/feeds/live-blog.ts';
import { articleId } from '../../lambdas/feeds/normalize/canonical-url.ts';
import type { ArticleDraft, ArticleSource } from '../../lambdas/model/article.ts';
import type { StoredArticle } from '../../lambdas/store/article-store.ts';
import { makeDraft } from './make-draft.ts';

const PAGE = 'https://envivo.example.pe/paro-en-vivo';
const pageId = articleId(PAGE);
const postId = (n: number) => articleId(`${PAGE}#post-${n}`);

function draft(n: number, options: { kept?: boolean; guid?: string } = {}): ArticleDraft {
  const link = `${PAGE}#post-${n}`;
  return makeDraft({
    id: options.kept ? postId(n) : pageId,
    canonicalUrl: options.kept ? link : PAGE,
    title: `Post ${n}`,
    feedId: 'envivo',
    sources: [{ feedId: 'envivo', feedName: 'En Vivo', link, guid: options.guid ?? `g${n}` }],
  });
}
const storedAs = (...sources: ArticleSource[]): StoredArticle => ({ sources });

describe('alternateIds', () => {
  it('asks for the other form of each item whose link has a fragment, none for others', () => {
    const plain = { ...draft(1), id: articleId('https://x.pe/a'), sources: [{ feedId: 'f', feedName: 'F', link: 'https://x.pe/a' }] };
    expect(alternateIds([draft(1), draft(2, { kept: true }), plain])).toEqual([postId(1), pageId]);
  });
});

describe('separatePosts', () => {
  it('a post under the page URL whose stored article is another post becomes its own article, with a sentence', () => {
    const stored = new Map([[pageId, storedAs(draft(1).sources[0]!)]]);
    const result = separatePosts([draft(2)], stored);
    expect(result.drafts.map((d) => [d.id, d.canonicalUrl])).toEqual([[postId(2), `${PAGE}#post-2`]]);
    expect(result.split).toEqual([`"Post 2" (${PAGE}#post-2) shares its page with a post stored earlier (${PAGE}#post-1): kept apart`]);
  });

  it('the same GUID under another fragment is the same post: it stays the stored article', () => {
    const stored = new Map([[pageId, storedAs(draft(1).sources[0]!)]]);
    const moved = { ...draft(2, { guid: 'g1' }) };
    expect(separatePosts([moved], stored)).toEqual({ drafts: [moved], split: [] });
  });

  it('a stored article whose sources carry no fragment (another feed, the page itself) is not another post', () => {
    const stored = new Map([[pageId, storedAs({ feedId: 'other', feedName: 'Otro', link: PAGE })]]);
    expect(separatePosts([draft(2)], stored).drafts[0]?.id).toBe(pageId);
  });

  it('a post kept apart whose page URL holds this very post is that article; one stored with its fragment is that one', () => {
    const asPage = new Map([[pageId, storedAs(draft(1).sources[0]!)]]);
    expect(separatePosts([draft(1, { kept: true })], asPage).drafts.map((d) => [d.id, d.canonicalUrl])).toEqual([[pageId, PAGE]]);
    const asPost = new Map([[postId(1), storedAs(draft(1).sources[0]!)]]);
    expect(separatePosts([draft(1)], asPost).drafts.map((d) => [d.id, d.canonicalUrl])).toEqual([[postId(1), `${PAGE}#post-1`]]);
  });
});
