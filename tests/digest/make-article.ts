/** Stored articles for digest tests: deterministic ids, only what a test cares about spelled out. */
import { createHash } from 'node:crypto';
import type { Article } from '../../lambdas/model/article.ts';

export interface DigestArticleSpec {
  title: string;
  publishedAt: string;
  /** theme → score */
  themes: Record<string, number>;
  regions?: string[];
  countries?: string[];
  feedName?: string;
  url?: string;
  /** Text around the term that fired, per theme. */
  snippet?: string;
  summary?: string;
}

export function makeArticle(spec: DigestArticleSpec): Article {
  const feedName = spec.feedName ?? 'El Vigía';
  const feedId = feedName.toLowerCase().replace(/[^a-z]+/g, '-');
  const url = spec.url ?? `https://${feedId}.example.pe/${encodeURIComponent(spec.title.slice(0, 40))}-${spec.publishedAt}`;
  return {
    id: createHash('sha256').update(url).digest('hex').slice(0, 32),
    canonicalUrl: url,
    title: spec.title,
    summary: spec.summary ?? spec.title,
    text: spec.summary ?? spec.title,
    categories: [],
    publishedAt: spec.publishedAt,
    dateSource: 'feed',
    firstSeenAt: spec.publishedAt,
    feedId,
    sources: [{ feedId, feedName, link: url }],
    themes: Object.entries(spec.themes).map(([theme, score]) => ({
      theme,
      score,
      hits: [
        { term: theme, field: 'title', count: 1, snippet: spec.title.slice(0, 30), source: 'seed.md' },
        { term: theme, field: 'text', count: 2, snippet: spec.snippet ?? `…${theme} in the text…`, source: 'seed.md' },
      ],
    })),
    regions: spec.regions ?? [],
    countries: spec.countries ?? ['PE'],
    lang: 'es',
  };
}

export const CATALOG = {
  themes: [
    { id: 'extortion', label: { es: 'Extorsión', en: 'Extortion' } },
    { id: 'illegal_mining', label: { es: 'Minería ilegal', en: 'Illegal mining' } },
    { id: 'prisons', label: { es: 'Cárceles', en: 'Prisons' } },
  ],
  regions: [
    { id: 'lima', name: 'Lima' },
    { id: 'la-libertad', name: 'La Libertad' },
    { id: 'puno', name: 'Puno' },
  ],
};
