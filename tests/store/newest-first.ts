import type { Article } from '../../lambdas/model/article.ts';
import type { TimeRange } from '../../lambdas/store/article-store.ts';

/**
 * The ids of `articles` published in [range.from, range.to), in the order a
 * listing gives them: newest first, and on the same instant the higher id
 * first (the sort key is "<publishedAt>#<id>").
 */
export function idsNewestFirst(articles: readonly Article[], range: TimeRange): string[] {
  return articles
    .filter((a) => a.publishedAt >= range.from && a.publishedAt < range.to)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id))
    .map((a) => a.id);
}
