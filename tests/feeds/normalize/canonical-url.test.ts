import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleId, canonicalize, canonicalUrl } from '../../../lambdas/feeds/normalize/canonical-url.ts';

describe('canonicalUrl', () => {
  it.each([
    ['lower-case host, no default port, no fragment, tracking gone, parameters sorted', 'HTTPS://WWW.Example.PE:443/Nota?utm_source=tw&b=2&a=1#top', 'https://www.example.pe/Nota?a=1&b=2'],
    ['no default http port', 'http://example.pe:80/', 'http://example.pe/'],
    ['no trailing dot on the host', 'https://example.pe./x', 'https://example.pe/x'],
    ['no credentials', 'https://user:pw@example.pe/x', 'https://example.pe/x'],
    ['click ids and ref gone', 'https://rpp.pe/nota?fbclid=abc&gclid=x&ref=rss', 'https://rpp.pe/nota'],
    ['repeated parameters keep their order', 'https://rpp.pe/a?b=2&a=1&a=0', 'https://rpp.pe/a?a=1&a=0&b=2'],
    ['amp. host prefix gone', 'https://amp.elcomercio.pe/politica/nota', 'https://elcomercio.pe/politica/nota'],
    ['a bare amp.pe host is kept', 'https://amp.pe/x', 'https://amp.pe/x'],
    ['/amp/ suffix gone (the slash kept)', 'https://elcomercio.pe/politica/nota/amp/', 'https://elcomercio.pe/politica/nota/'],
    ['/amp prefix gone', 'https://elcomercio.pe/amp/politica/nota', 'https://elcomercio.pe/politica/nota'],
    ['.amp.html gone', 'https://elcomercio.pe/nota.amp.html', 'https://elcomercio.pe/nota.html'],
    ['?amp=1 gone, other parameters kept', 'https://rpp.pe/nota?amp=1&id=5', 'https://rpp.pe/nota?id=5'],
    ['Google AMP cache unwrapped', 'https://www-elcomercio-pe.cdn.ampproject.org/c/s/www.elcomercio.pe/x?outputType=amp', 'https://www.elcomercio.pe/x'],
    ['surrounding spaces trimmed', '  https://rpp.pe/a  ', 'https://rpp.pe/a'],
    ['a trailing slash is kept', 'https://rpp.pe/a/', 'https://rpp.pe/a/'],
    ['a query of tracking parameters only goes, empty parts and bare names too', 'https://rpp.pe/a?utm_source=rss&&utm_medium&fbclid=1', 'https://rpp.pe/a'],
    ['a lone "?" goes', 'https://rpp.pe/a?', 'https://rpp.pe/a'],
    ['a tracking name written with an escape is read unescaped', 'https://rpp.pe/a?utm%5Fsource=x', 'https://rpp.pe/a'],
    ['a name with "+" is read as URLSearchParams reads it', 'https://rpp.pe/a?utm_source=x&a+b=1', 'https://rpp.pe/a?a+b=1'],
    ['a tracking-like name with other characters is kept', 'https://rpp.pe/a?utm-source=x', 'https://rpp.pe/a?utm-source=x'],
  ])('%s', (_, raw, canonical) => {
    expect(canonicalUrl(raw)).toBe(canonical);
  });

  it('resolves a relative link against the base', () => {
    expect(canonicalUrl('/relativa?utm_medium=rss', 'https://rpp.pe/feed')).toBe('https://rpp.pe/relativa');
  });

  it.each([['javascript:alert(1)'], ['mailto:a@b.pe'], ['ftp://rpp.pe/x'], ['data:text/html,x'], ['no es url'], [''], ['/relativa sin base']])(
    'refuses %j with undefined',
    (raw) => {
      expect(canonicalUrl(raw)).toBeUndefined();
    },
  );

  it('gives a 32-hex-character article id', () => {
    expect(articleId('https://rpp.pe/a')).toMatch(/^[0-9a-f]{32}$/);
    expect(articleId('https://rpp.pe/a')).not.toBe(articleId('https://rpp.pe/b'));
  });
});

describe('canonicalUrl on hostile text', () => {
  const urlish = fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc
      .tuple(
        fc.constantFrom('http://', 'HTTPS://', 'https://www-x-pe.cdn.ampproject.org/c/s/', 'http://amp.', 'https://user:pw@'),
        fc.string(),
        fc.constantFrom('', '/amp', '/amp/', '.amp.html', '?utm_source=x&b=1&a=2', '?amp=1', '#f', ':80/'),
      )
      .map(([scheme, middle, end]) => `${scheme}x.pe/${middle}${end}`),
    fc.string({ unit: 'grapheme' }),
  );

  it('never throws, and gives undefined or an http(s) URL without fragment or tracking parameters', () => {
    fc.assert(
      fc.property(urlish, fc.option(fc.webUrl(), { nil: undefined }), (raw, base) => {
        const canonical = canonicalUrl(raw, base);
        if (canonical === undefined) return;
        const url = new URL(canonical);
        expect(['http:', 'https:']).toContain(url.protocol);
        expect(url.hash).toBe('');
        expect([...url.searchParams.keys()].filter((key) => /^utm_/i.test(key))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('canonicalize gives what canonicalUrl gives, with the host name of that URL', () => {
    fc.assert(
      fc.property(urlish, fc.option(fc.webUrl(), { nil: undefined }), (raw, base) => {
        let parsed: URL | undefined;
        try {
          parsed = new URL(raw.trim(), base);
        } catch {
          return;
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
        const link = canonicalize(parsed);
        expect(link?.href).toBe(canonicalUrl(raw, base));
        if (link) expect(link.hostname).toBe(new URL(link.href).hostname);
      }),
      { numRuns: 1500 },
    );
  });

  it('is idempotent: a canonical URL is its own canonical form', () => {
    fc.assert(
      fc.property(urlish, (raw) => {
        const canonical = canonicalUrl(raw);
        if (canonical !== undefined) expect(canonicalUrl(canonical)).toBe(canonical);
      }),
      { numRuns: 1500 },
    );
  });
});
