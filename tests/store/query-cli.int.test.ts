/** `centinela query`, `show` and `export` as functions: options → Queries → formatted output, on DynamoDB Local. */
import { InvalidArgumentError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArticles, formatExport } from '../../bin/cli/export.ts';
import {
  csvCell,
  formatListings,
  listingQueryFrom,
  parseLimit,
  parseRegion,
  parseTheme,
  parseTimeBound,
  runQuery,
  unknownFeed,
  type FilterOptions,
} from '../../bin/cli/query.ts';
import { articleRef, findArticle, formatArticle, parseArticleRef } from '../../bin/cli/show.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { makeArticle } from './make-article.ts';
import { csvRecords } from './parse-csv.ts';

const NOW = new Date('2026-11-22T17:00:00.000Z');
const catalog = loadTagger();

const noFailure = (message: string): never => {
  throw new Error(`unexpected usage error: ${message}`);
};
const query = (options: Partial<FilterOptions> & { limit?: number }) => listingQueryFrom({ since: '30d', ...options }, NOW, noFailure);

describe('query options', () => {
  it('reads relative periods back from now', () => {
    expect(parseTimeBound('7d', 'since', NOW).toISOString()).toBe('2026-11-15T17:00:00.000Z');
    expect(parseTimeBound('24h', 'since', NOW).toISOString()).toBe('2026-11-21T17:00:00.000Z');
    expect(parseTimeBound('90m', 'since', NOW).toISOString()).toBe('2026-11-22T15:30:00.000Z');
    expect(parseTimeBound('2w', 'since', NOW).toISOString()).toBe('2026-11-08T17:00:00.000Z');
  });

  it('reads a day as a Lima day, and --until includes the whole day', () => {
    expect(parseTimeBound('2026-11-01', 'since', NOW).toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(parseTimeBound('2026-11-01', 'until', NOW).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('reads an instant in Lima time unless it carries a zone', () => {
    expect(parseTimeBound('2026-11-01T08:00', 'since', NOW).toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(parseTimeBound('2026-11-01T08:00Z', 'since', NOW).toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });

  it.each(['yesterday', '7', '2026-13-01', '7y', ''])('rejects the period "%s", naming the option and the accepted forms', (value) => {
    expect(() => parseTimeBound(value, 'until', NOW)).toThrow(InvalidArgumentError);
    expect(() => parseTimeBound(value, 'until', NOW)).toThrow(/--until .* use 7d, 24h/);
  });

  it('rejects a period whose start is not before its end', () => {
    const fail = (message: string): never => {
      throw new Error(message);
    };
    expect(() => listingQueryFrom({ since: '2026-11-10', until: '2026-11-05' }, NOW, fail)).toThrow(/--since .* must be before --until/);
  });

  it('answers an unknown theme or region with the list of valid ones', () => {
    expect(parseTheme('extortion', catalog)).toBe('extortion');
    expect(() => parseTheme('extorsion', catalog)).toThrow(InvalidArgumentError);
    const themeMessage = (() => {
      try {
        parseTheme('extorsion', catalog);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const theme of catalog.themes) expect(themeMessage).toContain(theme.id);
    expect(() => parseRegion('lima-norte', catalog)).toThrow(new RegExp(`Valid regions: ${catalog.regions[0]!.id}`));
  });

  it.each(['0', '-3', '2.5', 'lots', '100001'])('rejects --limit %s', (value) => {
    expect(() => parseLimit(value)).toThrow(/--limit needs a whole number from 1 to 100000/);
  });
});

describe('query, show and export on DynamoDB Local', () => {
  let context: StoreContext;
  const seeded: Article[] = [];

  beforeAll(async () => {
    context = await createTestStores();
    // 230 prison articles, one every 2 hours back from now: more than one page of 200.
    for (let i = 0; i < 230; i++) {
      seeded.push(
        makeArticle({
          url: `https://noticias.example.pe/penal/${i}`,
          title: `Traslado de internos ${i}`,
          publishedAt: new Date(NOW.getTime() - (i + 1) * 2 * 3_600_000).toISOString(),
          themes: { prisons: 5 },
          regions: i % 2 ? ['lima'] : ['callao'],
          feedId: i % 3 ? 'larepublica' : 'rpp',
        }),
      );
    }
    seeded.push(
      makeArticle({
        url: 'https://noticias.example.pe/extorsion-trujillo',
        title: 'Extorsionadores atacan bus de transporte en Trujillo, "otra vez"',
        summary: 'La Policía Nacional detuvo a dos miembros de una banda de extorsión.',
        publishedAt: '2026-11-21T15:00:00.000Z',
        themes: { extortion: 9.5, corruption: 3 },
        regions: ['la-libertad', 'trujillo'],
        feedId: 'elcomercio',
        feedName: 'El Comercio',
      }),
      makeArticle({
        url: 'https://noticias.example.pe/mineria-pataz',
        title: 'Operativo en Pataz',
        summary: 'Decomisan dragas de MINERÍA ilegal en la zona de Pataz.',
        publishedAt: '2026-11-20T12:00:00.000Z',
        themes: { illegal_mining: 8 },
        regions: ['la-libertad', 'pataz'],
        feedId: 'elcomercio',
        feedName: 'El Comercio',
      }),
    );
    for (let i = 0; i < seeded.length; i += 16) await Promise.all(seeded.slice(i, i + 16).map((a) => context.articles.putArticle(a)));
  });
  afterAll(() => context.close());

  const newestFirst = (articles: Article[]) =>
    [...articles].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id)).map((a) => a.id);

  it('--theme lists that theme in the period, newest first, reading past the first page for --limit', async () => {
    const items = await runQuery(context, query({ theme: 'prisons', limit: 220 }));
    const want = newestFirst(seeded.filter((a) => a.themes[0]?.theme === 'prisons')).slice(0, 220);
    expect(items.map((i) => i.articleId)).toEqual(want);
  });

  it('--since/--until bound the period', async () => {
    const items = await runQuery(context, query({ theme: 'prisons', since: '2026-11-21', until: '2026-11-21' }));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.publishedAt >= '2026-11-21T05:00:00.000Z' && item.publishedAt < '2026-11-22T05:00:00.000Z').toBe(true);
    expect(items.map((i) => i.articleId)).toEqual(
      newestFirst(seeded.filter((a) => a.themes[0]?.theme === 'prisons' && a.publishedAt >= '2026-11-21T05:00:00.000Z' && a.publishedAt < '2026-11-22T05:00:00.000Z')),
    );
  });

  it('--region, --feed and their combination with --theme', async () => {
    const pataz = await runQuery(context, query({ region: 'pataz' }));
    expect(pataz.map((i) => i.title)).toEqual(['Operativo en Pataz']);
    const elcomercio = await runQuery(context, query({ feed: 'elcomercio' }));
    expect(elcomercio.map((i) => i.title)).toEqual([seeded[230]!.title, 'Operativo en Pataz']);
    const elcomercioMining = await runQuery(context, query({ feed: 'elcomercio', theme: 'illegal_mining', region: 'la-libertad' }));
    expect(elcomercioMining.map((i) => i.title)).toEqual(['Operativo en Pataz']);
    const limaRpp = await runQuery(context, query({ feed: 'rpp', region: 'lima', since: '2d' }));
    expect(limaRpp.map((i) => i.articleId)).toEqual(
      newestFirst(seeded.filter((a) => a.feedId === 'rpp' && a.regions.includes('lima') && a.publishedAt >= '2026-11-20T17:00:00.000Z')),
    );
  });

  it('--feed takes an id of the feed list or of a feed the store has polled, and names the known ones otherwise', async () => {
    expect(await unknownFeed(context, undefined)).toBeUndefined();
    expect(await unknownFeed(context, 'la-republica-sociedad')).toBeUndefined(); // in the bundled list, never polled here
    const typo = await unknownFeed(context, 'la-republica-sociedd');
    expect(typo).toMatch(/^--feed "la-republica-sociedd" is neither in the feed list nor a feed this store has polled\. Known feeds: .*\bla-republica-sociedad\b/);
    expect(typo).toContain('"centinela feeds" shows them');
    expect(await unknownFeed(context, 'mi-feed-propio')).toMatch(/^--feed "mi-feed-propio" is neither/);
    await context.feedStates.put({ feedId: 'mi-feed-propio', url: 'https://mi.example.pe/rss.xml', consecutiveFailures: 0 }); // polled with --feed <url>
    expect(await unknownFeed(context, 'mi-feed-propio')).toBeUndefined();
  });

  it('--text matches the title or the summary, ignoring case and accents, after the Query', async () => {
    expect((await runQuery(context, query({ text: 'EXTORSIONADORES' }))).map((i) => i.title)).toEqual([seeded[230]!.title]);
    expect((await runQuery(context, query({ text: 'mineria ilegal' }))).map((i) => i.title)).toEqual(['Operativo en Pataz']);
    expect((await runQuery(context, query({ text: 'internos 22', theme: 'prisons' }))).map((i) => i.title)).toEqual([
      'Traslado de internos 22',
      ...Array.from({ length: 10 }, (_, k) => `Traslado de internos ${220 + k}`),
    ]);
    expect(await runQuery(context, query({ text: 'no aparece en ninguna nota' }))).toEqual([]);
  });

  it('without a theme, region or feed, lists every article of the period through the day partitions', async () => {
    const items = await runQuery(context, query({ since: '3d', limit: 1000 }));
    expect(items.map((i) => i.articleId)).toEqual(newestFirst(seeded.filter((a) => a.publishedAt >= '2026-11-19T17:00:00.000Z')));
  });

  it('formats as JSON and JSON Lines that parse back to the same listings', async () => {
    const items = await runQuery(context, query({ feed: 'elcomercio' }));
    expect(JSON.parse(formatListings(items, 'json'))).toEqual(JSON.parse(JSON.stringify(items)));
    const lines = formatListings(items, 'jsonl').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(JSON.parse(JSON.stringify(items)));
  });

  it('formats as CSV that parses back: one row per article, quotes and commas intact, themes and regions joined', async () => {
    const items = await runQuery(context, query({ feed: 'elcomercio' }));
    const rows = csvRecords(formatListings(items, 'csv'));
    expect(rows).toEqual(
      items.map((i) => ({
        id: i.articleId,
        published_at: i.publishedAt,
        title: i.title,
        url: i.url,
        feed_id: 'elcomercio',
        feed: 'El Comercio',
        score: String(i.score),
        themes: i.themes.join('; '),
        regions: i.regions.join('; '),
        countries: 'PE',
      })),
    );
    expect(rows[0]!.title).toBe('Extorsionadores atacan bus de transporte en Trujillo, "otra vez"');
  });

  it('formats as a table with a header and one line per article', async () => {
    const items = await runQuery(context, query({ feed: 'elcomercio' }));
    const lines = formatListings(items, 'table').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^published \(Lima\)\s+score\s+themes\s+regions\s+countries\s+feed\s+title\s+id$/);
    expect(lines).toHaveLength(2 + items.length);
    expect(lines[2]).toContain(items[0]!.articleId);
    expect(lines[2]).toContain('extortion,corruption');
  });

  it('neutralizes CSV cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Precio: -5%')).toBe('Precio: -5%');
  });

  it('show finds an article by id or by any URL that canonicalizes to it, and explains its tags', async () => {
    const article = seeded[230]!;
    expect(parseArticleRef(article.id.toUpperCase())).toBe(article.id);
    expect(parseArticleRef(`${article.canonicalUrl}?utm_source=twitter`)).toBe(article.id);
    const text = formatArticle(await findArticle(context, article.id), catalog);
    expect(text).toContain(article.title);
    expect(text).toMatch(/Extortion \(extortion\), score 9\.5/);
    expect(text).toMatch(/extorsión\s+title\s+2\s+seed\.md\s+…extortion…/);
    expect(text).toContain('El Comercio (elcomercio)');
    expect(text).toContain('Lima (date from the feed)');
    // A date the feed left out, or gave unreadable or in the future, is replaced by the first-seen time, and says so.
    expect(formatArticle({ ...article, dateSource: 'first_seen' }, catalog)).toContain('Lima (no usable feed date (missing, unreadable or in the future): first seen)');
    await expect(findArticle(context, 'f'.repeat(32))).rejects.toThrow(/no stored article has id f{32}/);
    expect(() => parseArticleRef('12345')).toThrow(InvalidArgumentError);
  });

  it('show URL for an article not stored names the URL, its canonical form and the id, not the id alone', async () => {
    const given = 'https://Elcomercio.pe/lima/no-guardada/?utm_source=x';
    const ref = articleRef(given);
    expect(ref.url).toEqual({ given, canonical: 'https://elcomercio.pe/lima/no-guardada/' });
    await expect(findArticle(context, ref)).rejects.toThrow(
      `no stored article has the URL ${given} (canonical URL https://elcomercio.pe/lima/no-guardada/, id ${ref.id}): it may never have been seen in a feed, or have expired; \`centinela query --text WORDS\` finds an article by its title.`,
    );
    const plain = articleRef('https://elcomercio.pe/lima/no-guardada/');
    await expect(findArticle(context, plain)).rejects.toThrow(`no stored article has the URL https://elcomercio.pe/lima/no-guardada/ (id ${plain.id}): it may`);
    await expect(findArticle(context, articleRef(seeded[230]!.canonicalUrl))).resolves.toMatchObject({ id: seeded[230]!.id });
  });

  it('export writes UTF-8 CSV with a BOM, one row per article with its summary, themes and regions joined', async () => {
    const articles = await exportArticles(context, query({ since: '2026-11-20', until: '2026-11-21' }));
    const csv = formatExport(articles, 'csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csvRecords(csv.slice(1));
    const want = newestFirst(seeded.filter((a) => a.publishedAt >= '2026-11-20T05:00:00.000Z' && a.publishedAt < '2026-11-22T05:00:00.000Z'));
    expect(rows.map((r) => r.id)).toEqual(want);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const extortion = rows.find((r) => r.id === seeded[230]!.id)!;
    expect(extortion).toMatchObject({
      title: 'Extorsionadores atacan bus de transporte en Trujillo, "otra vez"',
      summary: 'La Policía Nacional detuvo a dos miembros de una banda de extorsión.',
      published_lima: '2026-11-21 10:00',
      themes: 'extortion; corruption',
      theme_scores: 'extortion:9.5; corruption:3',
      regions: 'la-libertad; trujillo',
      countries: 'PE',
      sources: 'El Comercio',
      language: 'es',
    });
  });
});
