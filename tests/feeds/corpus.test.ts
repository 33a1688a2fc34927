/**
 * Every document of the feeds corpus goes through decode → parse →
 * normalize. None may crash; the ones we can't read are listed below with the
 * reason; where the corpus gives expected results, they must match.
 * The corpus is not part of the project: these tests run when
 * CENTINELA_FEEDS_CORPUS names its folder (.ci/run sets ../shared/feeds-corpus)
 * and otherwise show up as NOT RUN with that command.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../lambdas/feeds/parse/decode-body.ts';
import { FeedParseError } from '../../lambdas/feeds/parse/errors.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { normalizeItem } from '../../lambdas/feeds/normalize/normalize-item.ts';
import { parseFeed } from '../../lambdas/feeds/parse/parse-feed.ts';
import type { ParsedFeed } from '../../lambdas/feeds/parse/parsed-feed.ts';
import { describeWith, feedsCorpusInput } from '../support/optional-inputs.ts';

const NOW = new Date('2026-11-22T17:00:00.000Z');
const FEED: FeedSource = { id: 'corpus', name: 'Corpus', url: 'https://corpus.example/feed', lang: 'es', fullText: false };

/** Documents we reject on purpose, or can't read, and why. */
const UNREADABLE: Record<string, string> = {
  'feed-rs/rss2/rss_2.0_invalid_1.xml': 'not well-formed (an element is never closed); sax is strict',
  'feedjira/ITunesWithSingleQuotedAttributes.xml': 'not well-formed (<itunes:category> closed twice); sax is strict',
  'feedparser/illformed/rss_incomplete_cdata.xml': 'deliberately broken: unterminated CDATA',
  'feedparser/illformed/rss_empty_document.xml': 'deliberately broken: no root element',
  'feed-rs/xml/xml_iso8859.xml': 'not a feed: plain <rdf> root without the RDF namespace (a charset test for a generic XML reader)',
  'gofeed/parser/universal/unknown_feed.xml': 'not a feed: <note> root',
  'miniflux/xml/iso88591.xml': 'not a feed: <note> root (charset test for an XML decoder)',
  'miniflux/xml/iso88591_utf8_mismatch.xml': 'not a feed: <note> root (charset test for an XML decoder)',
  'rss-parser/input/unrecognized.rss': 'not a feed: <head> root (rss-parser expects "Feed not recognized as RSS")',
  'gofeed/parser/universal/empty_feed.xml': 'empty document',
  'newsboat/empty.xml': 'empty (0 bytes)',
  'node-feedparser/notafeed.html': 'an HTML page, not a feed',
  'yarr/json/basic.jsonc': 'JSON Feed behind a /* */ comment (a yarr fixture convention; JSON has no comments)',
};

describeWith(feedsCorpusInput, 'feeds corpus tests', (corpus) => {
  const read = (file: string) => readFileSync(path.join(corpus, file));
  const manifest = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((cols) => ({ path: cols[0]!, role: cols[5]!, format: cols[6]!, charsetNote: cols[11] ?? '' }));
  const documents = manifest.filter((row) => row.role === 'feed');

  async function run(file: string, contentType?: string): Promise<ParsedFeed> {
    return parseFeed(decodeBody(read(file), contentType).text, `https://corpus.example/${file}`);
  }

  describe('the feeds corpus', () => {
    it('has the documents the README announces', () => {
      expect(documents.length).toBe(465);
    });

    it('reads every document or rejects it with a FeedParseError, and rejects exactly the listed ones', async () => {
      const rejected: Record<string, string> = {};
      let items = 0;
      for (const doc of documents) {
        try {
          const parsed = await run(doc.path);
          for (const item of parsed.items) {
            items++;
            const result = normalizeItem(item, FEED, `https://corpus.example/${doc.path}`, NOW);
            if (!result.ok) {
              expect(result.reason).toMatch(/^item .* skipped: /);
              continue;
            }
            const { draft } = result;
            expect(draft.canonicalUrl, doc.path).toMatch(/^https?:\/\/[^/]+/);
            expect(Number.isNaN(Date.parse(draft.publishedAt)), doc.path).toBe(false);
            expect(draft.publishedAt <= NOW.toISOString(), doc.path).toBe(true);
            expect(draft.title, doc.path).not.toContain('\uFFFD');
            expect(draft.title, doc.path).not.toMatch(/<\/?[a-z][^>]*>/i);
          }
        } catch (error) {
          expect(error, doc.path).toBeInstanceOf(FeedParseError);
          rejected[doc.path] = (error as Error).message;
        }
      }
      expect(Object.keys(rejected).sort()).toEqual(Object.keys(UNREADABLE).sort());
      expect(rejected['rss-parser/input/unrecognized.rss']).toContain('Feed not recognized as RSS');
      expect(rejected['node-feedparser/notafeed.html']).toMatch(/is an HTML page, not a feed/);
      expect(items).toBeGreaterThan(3500);
      // A document cut off after its last entry (no </rss>) keeps its entries (parse-feed.ts, closingTags).
      const cutOff = await run('feedjira/InvalidDateFormat.xml');
      expect(cutOff.items.map((item) => item.title)).toEqual(['Item 0 with an invalid date', 'Item 1 with all valid dates']);
      // 465 documents: ~15 s alone, more than the 30 s default on a loaded machine.
    }, 180_000);
  });

  describe('rss-parser golden outputs (rss-parser/output)', () => {
    const options = JSON.parse(read('rss-parser/test-options.json').toString('utf8')) as {
      cases: Record<string, { http_headers?: Record<string, string>; input_read_as?: string }>;
    };
    const inputs = manifest.filter((row) => row.path.startsWith('rss-parser/input/') && row.role === 'feed');
    const FIELDS = ['title', 'link', 'guid', 'id', 'pubDate', 'isoDate', 'creator', 'author', 'content', 'content:encoded', 'summary', 'categories'] as const;

    for (const input of inputs) {
      const name = path.basename(input.path).replace(/\.[^.]+$/, '');
      const goldenFile = `rss-parser/output/${name}.json`;
      if (!manifest.some((row) => row.path === goldenFile)) continue;
      const testCase = options.cases[path.basename(input.path)] ?? {};
      // That golden output was made with xml2js options (emptyTag) that Centinela doesn't use.
      if (name === 'xml2js-options') continue;

      it(`${name}: same items as rss-parser's golden output`, async () => {
        const golden = JSON.parse(read(goldenFile).toString(testCase.input_read_as === 'latin1' ? 'latin1' : 'utf8')) as {
          feed: { title?: string; items: Record<string, unknown>[] };
        };
        const ours = await run(input.path, testCase.http_headers?.['Content-Type']);
        expect(ours.items.length).toBe(golden.feed.items.length);
        const lossyGolden = name === 'uolNoticias'; // golden read latin-1 bytes as UTF-8 (U+FFFD); we decode them properly
        // Unescaped HTML in <description>: rss-parser rebuilds it from xml2js's tree, text out of order
        // ("submitted byto…"); we keep the markup as written (prepare-xml.ts), checked against the input.
        const writtenDescriptions = name === 'reddit-atom' ? [...read(input.path).toString('utf8').matchAll(/<item>[\s\S]*?<description>([\s\S]*?)<\/description>/g)].map((m) => m[1]) : undefined;
        golden.feed.items.forEach((expected, index) => {
          const actual = ours.items[index] as Record<string, unknown>;
          for (const field of FIELDS) {
            if (!(field in expected)) continue;
            if (writtenDescriptions && field === 'content') {
              expect(actual[field], `${field} of item ${index}`).toBe(writtenDescriptions[index]);
              continue;
            }
            if (lossyGolden && typeof expected[field] === 'string' && (expected[field] as string).includes('\uFFFD')) {
              expect(actual[field], `${field} of item ${index}`).not.toContain('\uFFFD');
              continue;
            }
            expect(actual[field], `${field} of item ${index}`).toEqual(expected[field]);
          }
        });
      });
    }
  });

  describe('charset expectations', () => {
    it('miniflux: the decoded text contains the expected strings', () => {
      const expected = JSON.parse(read('miniflux/expected-strings.json').toString('utf8')) as Record<
        string,
        { label?: string; content_type?: string; contains?: string[]; fields?: Record<string, string | number> }[] | string
      >;
      let checked = 0;
      for (const [file, cases] of Object.entries(expected)) {
        if (!Array.isArray(cases)) continue;
        for (const check of cases) {
          const contentType = check.content_type ?? (check.label ? `text/xml; charset=${check.label}` : undefined);
          const text = decodeBody(read(`miniflux/${file}`), contentType).text;
          // xml_decoder cases give field values; miniflux drops invalid bytes where we decode them as windows-1252.
          const needles = check.contains ?? (file.includes('mismatch') ? [] : Object.values(check.fields ?? {}).filter((v) => typeof v === 'string'));
          for (const needle of needles as string[]) {
            expect(text, `${file} (${contentType})`).toContain(needle);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(10);
    });

    it('feed-rs: entry titles of the ISO-8859-1 and other captures match (Spanish dival.es included)', async () => {
      const pairs = manifest.filter((row) => row.path.startsWith('feed-rs/') && row.path.endsWith('.xml') && row.role === 'feed');
      let compared = 0;
      for (const pair of pairs) {
        const serde = pair.path.replace(/\.xml$/, '.serde.json');
        if (!manifest.some((row) => row.path === serde)) continue;
        const expected = JSON.parse(read(serde).toString('utf8')) as { entries: { title?: { content: string } | null }[] };
        const ours = await run(pair.path);
        expect(ours.items.length, pair.path).toBe(expected.entries.length);
        expected.entries.forEach((entry, index) => {
          if (!entry.title) return;
          const title = normalizeSpace(ours.items[index]?.title ?? '');
          expect(title, `${pair.path} entry ${index}`).toBe(normalizeSpace(entry.title.content));
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(15);
      const dival = await run('feed-rs/rss0/rss_0.91_missing_id.xml');
      expect(dival.items[0]?.title).toBe('Oferta de Empleo Público // 3 PROFESOR/A TÉCNICO/A (INGENIE. TÉC. FORESTAL) 17/17');
    });

    it('codehollow: feed and item titles and links match its assertions', async () => {
      const { tests } = JSON.parse(read('codehollow-feedreader/expected-assertions.json').toString('utf8')) as {
        tests: { file: string; assertions: { target: string; equals?: unknown; startswith?: string; contains?: string }[] }[];
      };
      let checked = 0;
      for (const test of tests) {
        const parsed = await run(`codehollow-feedreader/feeds/${test.file}`);
        for (const assertion of test.assertions) {
          const match = /^(feed|items\[(-?\d+)\])\.(Title|Link)$/.exec(assertion.target);
          if (!match) continue;
          const index = match[2] === undefined ? undefined : Number(match[2]);
          const source = index === undefined ? parsed : parsed.items.at(index);
          const value = String((source as Record<string, unknown> | undefined)?.[match[3]!.toLowerCase()] ?? '');
          const label = `${test.file} ${assertion.target}`;
          if (assertion.equals !== undefined) expect(value.trim(), label).toBe(String(assertion.equals ?? '').trim());
          if (assertion.startswith !== undefined) expect(value, label).toMatch(new RegExp(`^\\s*${escapeRegExp(assertion.startswith)}`));
          if (assertion.contains !== undefined) expect(value, label).toContain(assertion.contains);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  });

  describe('attacks in the corpus', () => {
    it('laminas XXE: the external entity is never read', async () => {
      const parsed = await run('laminas-feed/xxe-atom10.xml');
      const secret = read('laminas-feed/xxe-info.txt').toString('utf8').trim();
      expect(JSON.stringify(parsed)).not.toContain(secret);
    });
  });
});

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
