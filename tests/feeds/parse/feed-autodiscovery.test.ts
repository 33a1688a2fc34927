import { describe, expect, it } from 'vitest';
import { advertisedFeeds } from '../../../lambdas/feeds/parse/feed-autodiscovery.ts';
import { parseFeed } from '../../../lambdas/feeds/parse/parse-feed.ts';

const PAGE = 'https://diario.example.pe/policiales/';
const page = (head: string) => `<!DOCTYPE html><html><head><title>Policiales</title>${head}</head><body>Noticias</body></html>`;

describe('advertisedFeeds', () => {
  it('finds RSS, Atom and JSON Feed links, resolved against the page, in page order, each once', () => {
    const html = page(
      '<link rel="alternate" type="application/rss+xml" href="/feed/">' +
        '<link rel="alternate" type="application/atom+xml" href="atom.xml">' +
        '<link rel="alternate" type="application/feed+json" href="https://diario.example.pe/feed.json">' +
        '<link rel="alternate" type="application/rss+xml" href="https://diario.example.pe/feed/">',
    );
    expect(advertisedFeeds(html, PAGE)).toEqual([
      'https://diario.example.pe/feed/',
      'https://diario.example.pe/policiales/atom.xml',
      'https://diario.example.pe/feed.json',
    ]);
  });

  it('reads rel as a list of tokens and type without case or parameters, and honours <base href>', () => {
    const html = page('<base href="https://cdn.example.pe/x/"><link rel="Alternate nofollow" type="Application/RSS+XML; charset=utf-8" href="rss">');
    expect(advertisedFeeds(html, PAGE)).toEqual(['https://cdn.example.pe/x/rss']);
  });

  it('skips stylesheets, other alternates (translations, AMP), javascript: and unparsable hrefs', () => {
    const html = page(
      '<link rel="stylesheet" type="text/css" href="/a.css">' +
        '<link rel="alternate" hreflang="en" href="/en/">' +
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">' +
        '<link rel="alternate" type="application/rss+xml" href="http://[bad">' +
        '<link rel="alternate" type="application/rss+xml" href="  ">',
    );
    expect(advertisedFeeds(html, PAGE)).toEqual([]);
  });
});

describe('parseFeed on an HTML page', () => {
  it('names the feed the page advertises, as the URL to use instead', async () => {
    const html = page('<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed/">');
    await expect(parseFeed(html, PAGE)).rejects.toThrow(
      `${PAGE} is an HTML page, not a feed; the page names its feed: https://diario.example.pe/feed/ (use that URL instead)`,
    );
  });

  it('names at most three of several, and says how many more', async () => {
    const links = ['a', 'b', 'c', 'd', 'e'].map((n) => `<link rel="alternate" type="application/rss+xml" href="/${n}.xml">`).join('');
    await expect(parseFeed(page(links), PAGE)).rejects.toThrow(
      'the page names its feeds: https://diario.example.pe/a.xml, https://diario.example.pe/b.xml, https://diario.example.pe/c.xml and 2 more (use one of them instead)',
    );
  });

  it('says to look for one when the page names none', async () => {
    await expect(parseFeed(page(''), PAGE)).rejects.toThrow(`${PAGE} is an HTML page, not a feed (look for a <link rel="alternate"> RSS URL in it)`);
  });
});
