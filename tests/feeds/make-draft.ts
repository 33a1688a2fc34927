/** Article drafts for feed tests: the fields a test names, over an empty item the feed dated 2026-11-22 15:00Z, first seen at 18:00Z. */
import type { ArticleDraft } from '../../lambdas/model/article.ts';

type NamedFields = Pick<ArticleDraft, 'id' | 'canonicalUrl' | 'title' | 'feedId' | 'sources'>;

export function makeDraft(fields: NamedFields & Partial<ArticleDraft>): ArticleDraft {
  return {
    summary: '',
    text: '',
    categories: [],
    publishedAt: '2026-11-22T15:00:00.000Z',
    dateSource: 'feed',
    firstSeenAt: '2026-11-22T18:00:00.000Z',
    ...fields,
  };
}
