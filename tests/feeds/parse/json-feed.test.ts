import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../lambdas/feeds/parse/errors.ts';
import { parseJsonFeed } from '../../../lambdas/feeds/parse/json-feed.ts';

const URL = 'https://noticias.example.pe/feed.json';
const feed = (items: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Noticias', home_page_url: 'https://noticias.example.pe/', items, ...extra });

describe('parseJsonFeed', () => {
  it('maps a JSON Feed 1.1 item onto the raw item shape', () => {
    const text = feed([
      {
        id: 'n-1',
        url: 'https://noticias.example.pe/n-1',
        title: 'Capturan a extorsionadores',
        content_html: '<p>Texto</p>',
        summary: 'Resumen',
        date_published: '2026-11-21T14:05:00-05:00',
        authors: [{ name: 'Redacción' }],
        tags: ['policiales', 7, 'lima'],
        image: 'https://noticias.example.pe/n-1.jpg',
      },
    ]);
    expect(parseJsonFeed(text, URL)).toEqual({
      title: 'Noticias',
      link: 'https://noticias.example.pe/',
      items: [
        {
          title: 'Capturan a extorsionadores',
          link: 'https://noticias.example.pe/n-1',
          guid: 'n-1',
          pubDate: '2026-11-21T14:05:00-05:00',
          'content:encoded': '<p>Texto</p>',
          summary: 'Resumen',
          author: 'Redacción',
          categories: ['policiales', 'lima'],
          imageUrl: 'https://noticias.example.pe/n-1.jpg',
        },
      ],
    });
  });

  it.each([
    ['external_url when url is missing, a numeric id, date_modified, JSON Feed 1.0 author', { id: 42, external_url: 'https://otro.pe/x', date_modified: '2026-11-21', author: { name: 'Ana' } },
      { link: 'https://otro.pe/x', guid: '42', pubDate: '2026-11-21', author: 'Ana', categories: [] }],
    ['content_text escaped so it reads as text, not markup', { content_text: 'a < b & c' }, { 'content:encoded': 'a &lt; b &amp; c', categories: [] }],
    ['blank and non-string fields dropped', { title: '   ', url: 5, summary: null, tags: 'policiales' }, { categories: [] }],
  ])('reads %s', (_, item, expected) => {
    const [raw] = parseJsonFeed(feed([item]), URL).items;
    expect(Object.fromEntries(Object.entries(raw!).filter(([, value]) => value !== undefined))).toEqual(expected);
  });

  it('skips items that are not objects', () => {
    expect(parseJsonFeed(feed([null, 'x', 3, { title: 'ok' }]), URL).items.map((i) => i.title)).toEqual(['ok']);
  });

  it('accepts a version written as "1.1" (some generators do)', () => {
    expect(parseJsonFeed(JSON.stringify({ version: '1.1', items: [] }), URL)).toEqual({ title: undefined, link: undefined, items: [] });
  });

  it.each([
    ['invalid-json', '{"version": "1.1", "items": [', /^parse: https:\/\/noticias\.example\.pe\/feed\.json looks like JSON but is not valid JSON \(/],
    ['not-json-feed', '{"items": []}', /^parse: https:\/\/noticias\.example\.pe\/feed\.json is a JSON document but not a JSON Feed \(no version or no items array\)$/],
    ['not-json-feed', '{"version": "1.1", "items": {}}', /not a JSON Feed/],
    ['not-json-feed', 'null', /not a JSON Feed/],
    ['not-json-feed', '[1, 2]', /not a JSON Feed/],
  ])('refuses with a FeedParseError of kind %s: %s', (kind, text, message) => {
    const error = (() => {
      try {
        parseJsonFeed(text, URL);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({ kind, url: URL });
    expect((error as Error).message).toMatch(message);
  });

  it('throws nothing but a FeedParseError on arbitrary JSON, and reads any JSON Feed-shaped document', () => {
    const anyJson = fc.oneof(fc.json(), fc.record({ version: fc.string(), items: fc.array(fc.jsonValue()) }).map((doc) => JSON.stringify(doc)));
    fc.assert(
      fc.property(anyJson, (text) => {
        try {
          const parsed = parseJsonFeed(text, URL);
          expect(Array.isArray(parsed.items)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FeedParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
