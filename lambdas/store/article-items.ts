/**
 * How an article is laid out in the articles table (pure: no I/O).
 *
 *   pk                  sk                        what
 *   ARTICLE#<id>        ARTICLE                   the article itself
 *   THEME#<theme>       <publishedAt>#<id>        one per theme (pattern 1)
 *   REGION#<region>     <publishedAt>#<id>        one per region (pattern 2)
 *   DAY#<lima day>      <publishedAt>#<id>        one per article (pattern 3)
 *
 * ISO timestamps sort as strings, so a Query with ScanIndexForward=false on
 * an index partition lists newest first and a BETWEEN on sk selects a range.
 */
import type { Article } from '../model/article.ts';
import { limaDay } from '../model/lima-time.ts';
import type { ListingItem } from './article-store.ts';

export type Item = Record<string, unknown> & { pk: string; sk: string };

export const articleKey = (id: string) => ({ pk: `ARTICLE#${id}`, sk: 'ARTICLE' });
export const themePartition = (theme: string) => `THEME#${theme}`;
export const regionPartition = (region: string) => `REGION#${region}`;
export const dayPartition = (day: string) => `DAY#${day}`;
export const indexSortKey = (publishedAt: string, id: string) => `${publishedAt}#${id}`;

export function expiresAt(article: Article, retentionDays: number): number {
  return Math.floor(Date.parse(article.publishedAt) / 1000) + retentionDays * 86_400;
}

export function articleItem(article: Article, retentionDays: number): Item {
  return { ...articleKey(article.id), type: 'article', ...article, expiresAt: expiresAt(article, retentionDays) };
}

export function indexItems(article: Article, retentionDays: number): Item[] {
  const sk = indexSortKey(article.publishedAt, article.id);
  const best = Math.max(0, ...article.themes.map((t) => t.score));
  const listing = (score: number) => ({ ...listingOf(article, score), expiresAt: expiresAt(article, retentionDays) });
  return [
    ...article.themes.map((t) => ({ pk: themePartition(t.theme), sk, type: 'theme-index', ...listing(t.score) })),
    ...article.regions.map((r) => ({ pk: regionPartition(r), sk, type: 'region-index', ...listing(best) })),
    { pk: dayPartition(limaDay(article.publishedAt)), sk, type: 'day-index', ...listing(best) },
  ];
}

function listingOf(article: Article, score: number): ListingItem {
  return {
    articleId: article.id,
    title: article.title,
    url: article.canonicalUrl,
    feedName: article.sources[0]?.feedName ?? article.feedId,
    publishedAt: article.publishedAt,
    score,
    themes: article.themes.map((t) => t.theme),
    regions: article.regions,
  };
}

export function toListing(item: Record<string, unknown>): ListingItem {
  return {
    articleId: String(item.articleId),
    title: String(item.title),
    url: String(item.url),
    feedName: String(item.feedName),
    publishedAt: String(item.publishedAt),
    score: Number(item.score),
    themes: (item.themes as string[] | undefined) ?? [],
    regions: (item.regions as string[] | undefined) ?? [],
  };
}

export function toArticle(item: Record<string, unknown>): Article {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expires, ...article } = item;
  return article as unknown as Article;
}
