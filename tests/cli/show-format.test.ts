/**
 * `centinela show` prints text that came from a feed: a title with an unclosed
 * U+202E or an escape sequence must not reverse or rewrite what follows it on
 * the terminal (see formatTable in bin/cli/output.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../lambdas/model/article.ts';
import { formatArticle } from '../../bin/cli/show.ts';

const article = {
  id: '6f5fcc4edfae8ea7f5c412aa3b76aa62',
  title: '\u202EMinería ilegal en Puno\u001b[2J',
  summary: 'La Rinconada\u0000, Puno\u2066',
  canonicalUrl: 'http://127.0.0.1:18555/a3',
  lang: 'es',
  feedId: 'mi-feed',
  sources: [{ feedId: 'mi-feed', feedName: 'Mi\u202Efeed', link: 'http://127.0.0.1:18555/a3' }],
  publishedAt: '2026-11-23T17:00:00.000Z',
  firstSeenAt: '2026-11-30T16:59:37.808Z',
  dateSource: 'feed',
  regions: [],
  countries: ['PE'],
  themes: [],
} as unknown as Article;

describe('formatArticle', () => {
  it('prints title, summary and source names without bidirectional or control characters', () => {
    const text = formatArticle(article, { themes: [], regions: [] } as never);
    expect(text.split('\n')[0]).toBe('Minería ilegal en Puno [2J');
    expect(text).toMatch(/^summary {5}La Rinconada , Puno$/m);
    expect(text).toMatch(/^sources {5}Mifeed \(mi-feed\) {2}http:\/\/127\.0\.0\.1:18555\/a3$/m);
    // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0009\u000B-\u001F]/);
  });
});
