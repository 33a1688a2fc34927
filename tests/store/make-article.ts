/** Articles for store tests: realistic shape, deterministic ids, only what a test cares about spelled out. */
import { createHash } from 'node:crypto';
import type { Article, ThemeTag } from '../../lambdas/model/article.ts';

export interface ArticleSpec {
  url?: string;
  title?: string;
  summary?: string;
  publishedAt: string;
  themes?: Record<string, number>;
  regions?: string[];
  countries?: string[];
  feedId?: string;
  feedName?: string;
  firstSeenAt?: string;
}

export function makeArticle(spec: ArticleSpec): Article {
  const url = spec.url ?? `https://noticias.example.pe/${spec.publishedAt}/${spec.title ?? 'nota'}`;
  const feedId = spec.feedId ?? 'larepublica';
  const themes: ThemeTag[] = Object.entries(spec.themes ?? {}).map(([theme, score]) => ({
    theme,
    score,
    hits: [{ term: theme === 'extortion' ? 'extorsión' : theme, field: 'title', count: 2, snippet: `…${theme}…`, source: 'seed.md' }],
  }));
  return {
    id: createHash('sha256').update(url).digest('hex').slice(0, 32),
    canonicalUrl: url,
    title: spec.title ?? `Nota del ${spec.publishedAt}`,
    summary: spec.summary ?? 'Resumen de la nota.',
    text: 'Texto completo de la nota.',
    categories: ['Policiales'],
    publishedAt: spec.publishedAt,
    dateSource: 'feed',
    firstSeenAt: spec.firstSeenAt ?? spec.publishedAt,
    feedId,
    sources: [{ feedId, feedName: spec.feedName ?? feedId.toUpperCase(), link: `${url}?utm_source=${feedId}` }],
    themes,
    regions: spec.regions ?? [],
    countries: spec.countries ?? ['PE'],
    lang: 'es',
  };
}
