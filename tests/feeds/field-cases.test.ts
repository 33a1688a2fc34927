/**
 * The kinds of fault in ../shared/field-cases (README: "the right result"),
 * each asserted on fixtures written for this test (tests/feeds/fixtures/field/),
 * read the way the poller reads them: loopback HTTP → decode → parse → normalize
 * (→ tag where the case is about tags). Each kind has its field case and at least
 * one more shape of the same fault.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher, type HttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { feedFromUrl } from '../../lambdas/feeds/feed-list.ts';
import { isOpaqueAggregatorLink } from '../../lambdas/feeds/normalize/google-news.ts';
import { readFeed } from '../../lambdas/feeds/parse/read-feed.ts';
import { tagDraft } from '../../lambdas/feeds/poll-feeds.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/field');
const NOW = new Date('2026-11-22T17:00:00.000Z');
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

let server: TestServer;
let fetcher: HttpFetcher;
const tagger = loadTagger();

beforeAll(async () => {
  const files = ['atom-bad-dates', 'atom-text-link', 'atom-links', 'php-notice', 'broken-entry', 'google-news', 'spanish-dates', 'cp1252-refs', 'angle-titles', 'atom-title-types', 'live-blog', 'atom-zoneless-dates', 'raw-markup', 'reissued', 'truncated', 'feedburner'];
  server = await startTestServer({
    ...Object.fromEntries(files.map((name) => [`/${name}`, fixed(readFileSync(path.join(dir, `${name}.xml`)), { 'content-type': 'application/xml' })])),
    // A raw C1 control (U+0093) in a UTF-8 title, as some CMSs copy it from windows-1252 text.
    '/raw-c1': fixed(
      '<rss version="2.0"><channel><title>C1</title><item><title>\u0093Los Injertos\u0094 en Chimbote\u0007</title>' +
        '<link>https://c1.example.pe/injertos</link><pubDate>Sat, 21 Nov 2026 09:00:00 -0500</pubDate></item></channel></rss>',
      { 'content-type': 'application/rss+xml; charset=utf-8' },
    ),
  });
  fetcher = createHttpFetcher({ timeoutMs: 15_000 });
});

afterAll(async () => {
  fetcher?.close();
  await server?.close();
});

const feed = (route: string, extra: Partial<FeedSource> = {}): FeedSource => ({
  id: route.slice(1),
  name: `Feed ${route}`,
  url: server.url(route),
  lang: 'es',
  fullText: false,
  ...extra,
});

async function read(route: string, extra: Partial<FeedSource> = {}) {
  const result = await readFeed(feed(route, extra), fetcher, {}, NOW);
  if (result.status !== 'ok') throw new Error(`${route}: not modified`);
  return result;
}

describe('kind 1: one bad element never silences an outlet', () => {
  it('an unreadable Atom <published> and <updated> cost only that date: first-seen time, marked and counted (field case 01)', async () => {
    const result = await read('/atom-bad-dates');
    expect(result.drafts.map((d) => [d.title, d.publishedAt, d.dateSource])).toEqual([
      ['Desarticulan banda de extorsionadores en Huancayo', '2026-11-21T12:45:00.000Z', 'feed'],
      ['Reos de Huamancaca denuncian cobros en el penal', NOW.toISOString(), 'first_seen'],
    ]);
    expect(result.unreadableDates).toEqual([
      '"Reos de Huamancaca denuncian cobros en el penal": date "2026-13-45T99:99:00-05:00" unreadable, first-seen time used',
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('an Atom <link> written as text (no href) is the link; an empty one is skipped and the URL id used', async () => {
    const result = await read('/atom-text-link');
    expect(result.drafts.map((d) => d.canonicalUrl)).toEqual(['https://boletin.example.pe/mineria-malinowski', 'https://boletin.example.pe/sin-enlace']);
    expect(result.rejected).toEqual([]);
  });

  it('junk printed before the root (no XML declaration) and after it costs nothing (field case 04)', async () => {
    const result = await read('/php-notice');
    expect(result.title).toBe('El Vigía del Norte');
    expect(result.drafts.map((d) => d.title)).toEqual(['Balacera frente a discoteca en Piura deja un herido', 'Capturan a marcas en Sullana']);
    expect(result.skippedJunk).toBe(
      '<b>Warning</b>: Undefined array key "cache" in <b>/srv/www/feed.php</b> on line… … <!-- served in 0.02 s -->Notice: cache miss',
    );
  });

  it('one entry XML cannot read costs that entry, counted as rejected with the parser\'s own reason', async () => {
    const result = await read('/broken-entry');
    expect(result.drafts.map((d) => d.title)).toEqual(['Decomisan contrabando de combustible en Desaguadero', 'Incautan cocaína en Puno']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatch(/^entry 2 \("Nota con etiqueta rota"\) skipped: it could not be read \(Unexpected close tag/);
    expect(result.itemsSeen).toBe(3);
  });
});

describe('kind 1: a feed cut off in the middle', () => {
  it('a document that ends inside an entry (a response cut short) keeps every complete entry; the cut one is rejected with the reason', async () => {
    const result = await read('/truncated');
    expect(result.drafts.map((d) => d.title)).toEqual(['Capturan a banda de asaltantes en Cerro Colorado', 'Robo en minimarket de Paucarpata']);
    expect(result.rejected).toEqual(['entry 3 skipped: the feed is cut off inside it']);
    expect(result.title).toBe('Radio Sur Arequipa');
  });
});

describe('kind 2: article identity', () => {
  it('Atom: the link with no rel is the article, rel="replies" never is; the site link is never rel="self" (field case 02)', async () => {
    const result = await read('/atom-links');
    const [draft] = result.drafts;
    expect(draft?.canonicalUrl).toBe('https://observatorio.example.pe/sicariato-trujillo');
    expect(draft?.sources[0]?.link).toBe('https://observatorio.example.pe/sicariato-trujillo');
  });

  it('live-blog posts sharing one page and differing by #fragment and GUID are distinct; the same GUID with another fragment is one article', async () => {
    const result = await read('/live-blog');
    expect(result.drafts.map((d) => d.canonicalUrl)).toEqual([
      'https://envivo.example.pe/paro-transportistas-en-vivo#post-3',
      'https://envivo.example.pe/paro-transportistas-en-vivo#post-2',
      'https://envivo.example.pe/resumen-paro',
    ]);
    expect(new Set(result.drafts.map((d) => d.id)).size).toBe(3);
    expect(result.identity.split).toEqual([
      '2 items share https://envivo.example.pe/paro-transportistas-en-vivo and differ by #fragment and GUID: kept as 2 articles',
    ]);
    expect(result.identity.merged).toEqual([
      '"Resumen del paro (repetido)" appears again (https://envivo.example.pe/resumen-paro#top): same article as https://envivo.example.pe/resumen-paro?utm_source=rss',
    ]);
  });

  it('an outlet re-issuing one story under a new link in the same feed is one article, and the merge is reported; the same standing headline a week apart is two', async () => {
    const result = await read('/reissued');
    expect(result.drafts.map((d) => d.canonicalUrl)).toEqual([
      'https://lavoz.example.pe/policiales/2026/11/22/capturan-cabecilla-los-pulpos-el-porvenir/',
      'https://lavoz.example.pe/policiales/2026/11/22/resumen-semana/',
      'https://lavoz.example.pe/policiales/2026/11/15/resumen-semana/',
    ]);
    expect(result.identity.merged).toEqual([
      '"Capturan a cabecilla de "Los Pulpos" en El Porvenir" (https://lavoz.example.pe/policiales/2026/11/22/capturan-cabecilla/) re-issues ' +
        'https://lavoz.example.pe/policiales/2026/11/22/capturan-cabecilla-los-pulpos-el-porvenir/ (same outlet, same title)',
    ]);
  });

  it('a FeedBurner proxy link is not the article: <feedburner:origLink> is, when it is an http(s) URL (same kind as field case 02)', async () => {
    const result = await read('/feedburner');
    expect(result.drafts.map((d) => [d.canonicalUrl, d.sources[0]?.link])).toEqual([
      ['https://callao.example.pe/2026/11/detienen-marcas-callao/', 'https://callao.example.pe/2026/11/detienen-marcas-callao/'],
      ['https://callao.example.pe/2026/11/origen-ilegible/', 'https://callao.example.pe/2026/11/origen-ilegible/'],
    ]);
  });

  it('Google News re-issuing one story under a new link is one article, and the merge is reported', async () => {
    const result = await read('/google-news');
    expect(result.drafts).toHaveLength(2);
    expect(result.identity.merged).toHaveLength(1);
    expect(result.identity.merged[0]).toContain('CBMiOWNTESTBBBB0099');
  });
});

describe('kind 3: Google News items unwrapped', () => {
  it('title without " - Outlet", the outlet credited from <source>, regions from the story only (field case 06)', async () => {
    const result = await read('/google-news');
    const articles = result.drafts.map((d) => tagDraft(d, tagger));
    expect(articles.map((a) => [a.title, a.sources[0]?.feedName, a.sources[0]?.via, a.summary, a.text])).toEqual([
      ['Sicarios asesinan a cobrador de combi en Villa El Salvador', 'Diario Cusco Hoy', 'Feed /google-news', '', ''],
      ['Detienen a extorsionadores de mototaxistas en Chiclayo', 'Radio Arequipa Sur', 'Feed /google-news', '', ''],
    ]);
    expect(articles[0]?.sources[0]?.outletUrl).toBe('https://www.cuscohoy.example');
    expect(articles[0]?.regions).toEqual(['lima']);
    expect(articles[1]?.regions).toEqual(['chiclayo', 'lambayeque']);
  });

  it('with no <source>, the outlet comes from the title suffix; the opaque link is never a full-text target', async () => {
    const result = await read('/google-news');
    expect(result.drafts[1]?.sources[0]?.outletUrl).toBeUndefined();
    expect(result.drafts.every((d) => isOpaqueAggregatorLink(d.canonicalUrl))).toBe(true);
    expect(isOpaqueAggregatorLink('https://diariodechimbote.com/feed/')).toBe(false);
  });
});

describe('kind 4: dates and text', () => {
  it('Spanish times, day-first dates and zone-less dates are Lima time, from the feed (field case 10)', async () => {
    const result = await read('/spanish-dates');
    expect(result.drafts.map((d) => [d.publishedAt, d.dateSource])).toEqual([
      ['2026-11-22T00:25:00.000Z', 'feed'], // sábado 21, 7:25 p. m.
      ['2026-11-22T03:50:00.000Z', 'feed'], // 21/11/2026 10:50 p.m.
      ['2026-11-21T17:30:00.000Z', 'feed'], // 12:30 P.M.
      ['2026-11-03T14:05:00.000Z', 'feed'], // 03/11/2026: 3 November, 9:05 a. m.
      ['2026-11-21T13:00:00.000Z', 'feed'], // no zone: Lima
      ['2026-11-21T20:40:00.000Z', 'feed'], // 21/11/2026 15h40
      ['2026-11-21T23:10:00.000Z', 'feed'], // sábado 21 de noviembre de 2026 - 18:10h
    ]);
  });

  it("a zone-less Atom <updated> or <published> is Lima time too, never JavaScript's reading of it in the process's zone", async () => {
    const result = await read('/atom-zoneless-dates');
    expect(result.drafts.map((d) => [d.publishedAt, d.dateSource])).toEqual([
      ['2026-11-21T13:00:00.000Z', 'feed'], // <updated> only
      ['2026-11-21T12:15:00.000Z', 'feed'], // empty <published>, zone-less <updated>
      ['2026-11-21T11:30:00.000Z', 'feed'], // zone-less <published> wins over a zoned <updated>
    ]);
    const madrid = await read('/atom-zoneless-dates', { timeZone: 'Europe/Madrid' });
    expect(madrid.drafts[0]?.publishedAt).toBe('2026-11-21T07:00:00.000Z');
  });

  it('a feed-list timeZone applies to zone-less dates only', async () => {
    const result = await read('/spanish-dates', { timeZone: 'Europe/Madrid' });
    expect(result.drafts[4]?.publishedAt).toBe('2026-11-21T07:00:00.000Z');
    expect(result.drafts[1]?.publishedAt).toBe('2026-11-21T21:50:00.000Z');
  });

  it('numeric references 128–159 are windows-1252 characters and no control character survives (field case 11)', async () => {
    const result = await read('/cp1252-refs');
    const [draft] = result.drafts;
    expect(result.title).toBe('Diario Antiguo—Policiales');
    expect(draft?.title).toBe('“Los Malditos de Chanchamayo” caen en operativo – fotos');
    expect(draft?.summary).toBe('El jefe policial dijo: ‘se acabó’ … y cerró el caso™.');
    expect(draft?.categories).toEqual(['Policiales€']);
    expect(JSON.stringify(draft)).not.toMatch(CONTROLS);
  });

  it('raw C1 controls in UTF-8 text are read as windows-1252, other controls dropped', async () => {
    const result = await read('/raw-c1');
    expect(result.drafts[0]?.title).toBe('“Los Injertos” en Chimbote');
  });

  it('plain-text titles keep text in angle brackets and tag like «…» (field case 12)', async () => {
    const result = await read('/angle-titles');
    const titles = result.drafts.map((d) => d.title);
    expect(titles).toEqual(['Cae <<Los Topos de Chincha>> por extorsión', 'Juicio a <Los Malditos de Pisco> por cobro de cupos', 'URGENTE: balacera en Cañete']);
    const tagged = tagDraft(result.drafts[0]!, tagger);
    const guillemets = tagger.tag({ title: 'Cae «Los Topos de Chincha» por extorsión', summary: '', text: '' });
    expect(tagged.themes.map((t) => t.theme)).toEqual(['extortion']);
    expect(tagged.themes.map((t) => t.theme)).toEqual(guillemets.themes.map((t) => t.theme));
  });

  it('HTML written unescaped inside an RSS <title> or <description> keeps its text, in order', async () => {
    const result = await read('/raw-markup');
    expect(result.drafts.map((d) => [d.title, d.summary])).toEqual([
      ['Robo en agencia de Piura', ''], // <description /> is empty, and leaves the next item alone
      ['Cae “Los Pulpos” en Trujillo', 'La Policía capturó a tres presuntos extorsionadores en El Porvenir.'],
      ['Sicarios atacan a cambista en Chiclayo & huyen', 'Según testigos, los atacantes huyeron en moto.'],
      // an unclosed tag inside the description no longer costs the entry
      ['Nota con etiqueta sin cerrar', 'texto sin cerrar'],
      // angle brackets written unescaped in a plain title are text, not markup (and cost nothing)
      ['Capturan a <<Los Pulpos>> en Trujillo', ''],
      ['Fiscalía acusa a <Los Injertos del Cono Norte> por cobro de cupos', ''],
      ['Homicidios bajan <5% en Trujillo & suben en Lima', 'Variación <5% según la PNP'],
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('an Atom title marked type="html" is rendered to text; type="text" stays text', async () => {
    const result = await read('/atom-title-types');
    expect(result.drafts.map((d) => d.title)).toEqual([
      'Exclusivo: red de trata en Madre de Dios',
      'Banda <Los Pulpos> vuelve a Trujillo',
      // type="xhtml" (RFC 4287 §3.1.1.3): the title is the text of its <div>, in order, not lost to the entry's URL
      'Cae “Los Malditos de Bayóvar” & sus socios en SJL',
    ]);
  });
});

describe('kind 6: naming', () => {
  it('a feed given as a bare URL is named after its own <title>, not its host', async () => {
    const bare = feedFromUrl(server.url('/php-notice'));
    expect(bare.name).toBe('127.0.0.1');
    const result = await readFeed(bare, fetcher, {}, NOW);
    if (result.status !== 'ok') throw new Error('not modified');
    expect(result.drafts.map((d) => d.sources[0]?.feedName)).toEqual(['El Vigía del Norte', 'El Vigía del Norte']);
    const listed = await read('/php-notice');
    expect(listed.drafts[0]?.sources[0]?.feedName).toBe('Feed /php-notice');
  });
});
