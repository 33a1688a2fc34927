import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { articleId, canonicalUrl } from '../../lambdas/feeds/normalize/canonical-url.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeed, pollFeeds, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const NOW = '2026-11-22T17:00:00.000Z';

let server: TestServer;
let stores: StoreContext;
let deps: PollDeps;
let conditionalHits = 0;

const feed = (id: string, route: string, extra: Partial<FeedSource> = {}): FeedSource => ({
  id,
  name: `Feed ${id}`,
  url: server.url(route),
  lang: 'es',
  fullText: false,
  ...extra,
});

const ARTICLE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>
<nav><p>Inicio | Policiales | Política | Economía | Deportes y mucho más menú</p></nav>
<article><h1>Sicarios</h1>
<p>Los sicarios interceptaron al chofer de la empresa de transportes en la avenida Próceres, en San Juan de Lurigancho.</p>
<div class="ad-slot"><p>Publicidad: compre ahora su seguro vehicular con descuento especial</p></div>
<p>Según la Policía, la empresa había recibido mensajes de extorsión exigiendo el pago de cupos semanales.</p>
<p>Los vecinos denunciaron que la zona no tiene patrullaje desde hace meses y pidieron más presencia policial.</p>
</article>
<div id="comments"><p>Comentario de un lector que no es parte de la noticia y no debe aparecer.</p></div>
<script>var tracking = "no debe aparecer en el texto";</script>
</body></html>`;

beforeAll(async () => {
  stores = await createTestStores();
  server = await startTestServer({
    '/cp1252': fixed(fixture('cp1252-policiales.xml'), { 'content-type': 'application/rss+xml' }),
    '/latin1': fixed(fixture('latin1-no-declaration.xml'), { 'content-type': 'text/xml; charset=ISO-8859-1' }),
    '/malformed': fixed(fixture('malformed.xml')),
    '/laughs': fixed(fixture('billion-laughs.xml')),
    '/xxe': fixed(fixture('xxe.xml')),
    '/incomplete': fixed(fixture('missing-link-date.xml')),
    '/a': fixed(fixture('feed-a.xml')),
    '/b': fixed(fixture('feed-b.atom'), { 'content-type': 'application/atom+xml' }),
    '/down': fixed('down', {}, 503),
    '/conditional': (request, response) => {
      conditionalHits++;
      if (request.headers['if-none-match'] === '"abc"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"abc"' }).end(fixture('feed-a.xml'));
    },
    '/fulltext-feed': (_request, response) => {
      const items = ['/story', '/missing-story', '/not-html']
        .map((p, i) => `<item><title>Nota ${i}</title><link>${server.url(p)}</link><description>Resumen ${i} del feed.</description></item>`)
        .join('');
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(`<rss version="2.0"><channel><title>FT</title>${items}</channel></rss>`);
    },
    '/story': fixed(ARTICLE_PAGE, { 'content-type': 'text/html; charset=utf-8' }),
    '/not-html': fixed('%PDF-1.4', { 'content-type': 'application/pdf' }),
  });
  deps = { fetcher: createHttpFetcher({ timeoutMs: 15_000 }), tagger: loadTagger(), clock: fixedClock(NOW), ...stores };
});

afterAll(async () => {
  await server?.close();
  stores?.client.destroy();
});

describe('pollFeed', () => {
  it('decodes a windows-1252 feed so accented titles come out right', async () => {
    const report = await pollFeed(feed('cp1252', '/cp1252'), deps);
    expect(report).toMatchObject({ status: 'ok', itemsSeen: 2, itemsNew: 2 });
    const stored = await stores.articles.getArticle(articleId(canonicalUrl('https://diario-policial.example.pe/2026/11/extorsion-sjl')!));
    expect(stored?.title).toBe('Extorsión en San Juan de Lurigancho: “cobro de cupos” a mototaxistas – tres detenidos');
    expect(stored?.summary).toContain('12 €');
    expect(stored?.publishedAt).toBe('2026-11-21T14:30:00.000Z');
    expect(stored?.dateSource).toBe('feed');
    const pataz = await stores.articles.getArticle(articleId('https://diario-policial.example.pe/2026/11/pataz'));
    expect(pataz?.title).toBe('Minería ilegal en Pataz: ¿qué sabe la Fiscalía? Año de violencia en La Libertad');
    expect(pataz?.themes.map((t) => t.theme)).toContain('illegal_mining');
  });

  it('uses the HTTP charset when the document has no declaration', async () => {
    const report = await pollFeed(feed('latin1', '/latin1'), deps);
    expect(report.status).toBe('ok');
    const stored = await stores.articles.getArticle(articleId('https://diario-policial.example.pe/2026/11/pataz'));
    expect(stored?.sources.map((s) => s.feedId).sort()).toEqual(['cp1252', 'latin1']);
    expect(JSON.stringify(stored)).not.toMatch(/Ã|\uFFFD/);
  });

  it('reports a malformed feed with a clear error and still polls the other feeds', async () => {
    const reports = await pollFeeds([feed('broken', '/malformed'), feed('cp1252-again', '/cp1252')], deps, 2);
    expect(reports[0]).toMatchObject({ status: 'failed', feedId: 'broken' });
    expect(reports[0]!.error).toMatch(/^parse: http:\/\/127\.0\.0\.1:\d+\/malformed is not a readable RSS or Atom feed \(.+\)$/);
    expect(reports[1]).toMatchObject({ status: 'ok', itemsSeen: 2, itemsNew: 0, itemsMerged: 2 });
    const state = await stores.feedStates.get('broken');
    expect(state).toMatchObject({ consecutiveFailures: 1, lastError: reports[0]!.error });
    expect(state?.nextAttemptAt).toBe('2026-11-22T17:15:00.000Z');
  });

  it('neutralises an entity-expansion attack: the reference stays inert text', async () => {
    const before = process.memoryUsage().heapUsed;
    const report = await pollFeed(feed('laughs', '/laughs'), deps);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
    expect(report).toMatchObject({ status: 'ok', itemsNew: 1 });
    const stored = await stores.articles.getArticle(articleId('https://laughs.example.pe/1'));
    expect(stored).toMatchObject({ title: '&lol9;', text: '&lol9;' });
  });

  it('never resolves an external entity (file or network)', async () => {
    const requestsBefore = server.requests.length;
    const report = await pollFeed(feed('xxe', '/xxe'), deps);
    expect(report.status).toBe('ok');
    expect(server.requests.length).toBe(requestsBefore + 1);
    const stored = await stores.articles.getArticle(articleId('https://xxe.example.pe/1'));
    expect(stored?.title).toBe('Leak &secret; &passwd; &remote;');
    expect(JSON.stringify(stored)).not.toMatch(/TOP-SECRET|root:/);
  });

  it('rejects items without a usable link one by one and dates undated or future items by first sight', async () => {
    const report = await pollFeed(feed('incomplete', '/incomplete'), deps);
    expect(report.status).toBe('ok');
    expect(report.itemsSeen).toBe(8);
    expect(report.rejected).toEqual([
      'item "Sin enlace ni guid" skipped: it has no link',
      'item "Guid que no es URL" skipped: its link "post-1234" is not an http(s) URL',
      'item "Enlace javascript" skipped: its link "javascript:alert(1)" is not an http(s) URL',
    ]);
    expect(report.itemsNew).toBe(5);
    const get = (url: string) => stores.articles.getArticle(articleId(url));
    expect(await get('https://incompleto.example.pe/2026/11/sin-fecha')).toMatchObject({ dateSource: 'first_seen', publishedAt: NOW });
    expect(await get('https://incompleto.example.pe/futura')).toMatchObject({ dateSource: 'first_seen', publishedAt: NOW });
    expect(await get('https://incompleto.example.pe/rota')).toMatchObject({ dateSource: 'first_seen' });
    expect(await get('https://incompleto.example.pe/sin-zona')).toMatchObject({ dateSource: 'feed', publishedAt: '2026-11-21T13:15:00.000Z' });
    expect(await get('https://incompleto.example.pe/guid-link')).toMatchObject({
      title: 'Guid permalink & bare & ampersand',
      publishedAt: '2026-11-21T15:00:00.000Z',
    });
    expect((await stores.feedStates.get('incomplete'))?.itemsRejected).toBe(3);
  });

  it('stores an article reached twice in one feed and again through a second feed once, with both sources', async () => {
    const [a, b] = await pollFeeds([feed('fuente-a', '/a'), feed('fuente-b', '/b')], deps, 1);
    expect(a).toMatchObject({ status: 'ok', itemsSeen: 3, itemsNew: 2 });
    expect(b).toMatchObject({ status: 'ok', itemsSeen: 1, itemsNew: 0, itemsMerged: 1 });
    const id = articleId('https://news.example.pe/lima/sicarios-chofer');
    const stored = await stores.articles.getArticle(id);
    expect(stored?.canonicalUrl).toBe('https://news.example.pe/lima/sicarios-chofer');
    expect(stored?.sources.map((s) => s.feedId)).toEqual(['fuente-a', 'fuente-b']);
    expect(stored).toMatchObject({
      author: 'Redacción A',
      categories: ['Policiales'],
      imageUrl: 'https://news.example.pe/img/chofer.jpg',
      text: 'Los sicarios dispararon contra el chofer.\nLa Policía investiga la extorsión.',
    });
    expect(stored?.themes.map((t) => t.theme)).toContain('extortion');
  });

  it('sends the validators back and a 304 stores nothing and keeps the feed healthy', async () => {
    const first = await pollFeed(feed('conditional', '/conditional'), deps);
    expect(first).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect((await stores.feedStates.get('conditional'))?.etag).toBe('"abc"');
    const second = await pollFeed(feed('conditional', '/conditional'), deps);
    expect(second).toMatchObject({ status: 'not_modified', httpStatus: 304, itemsSeen: 0, itemsNew: 0 });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"abc"');
    expect(await stores.feedStates.get('conditional')).toMatchObject({ httpStatus: 304, consecutiveFailures: 0, etag: '"abc"', itemsSeen: 3 });
    expect(conditionalHits).toBe(2);
  });

  it('backs off a failing feed exponentially and clears the backoff on success', async () => {
    const down = feed('flaky', '/down');
    await pollFeed(down, deps);
    const report = await pollFeed(down, deps);
    expect(report).toMatchObject({ status: 'failed', httpStatus: 503, nextAttemptAt: '2026-11-22T17:30:00.000Z' });
    expect(await stores.feedStates.get('flaky')).toMatchObject({
      consecutiveFailures: 2,
      httpStatus: 503,
      lastError: `fetch: 503 Service Unavailable for feed ${server.url('/down')}`,
    });
    await pollFeed({ ...down, url: server.url('/cp1252') }, deps);
    const healed = await stores.feedStates.get('flaky');
    expect(healed).toMatchObject({ consecutiveFailures: 0, httpStatus: 200 });
    expect(healed?.nextAttemptAt).toBeUndefined();
    expect(healed?.lastError).toBeUndefined();
  });

  it('fetches full text for new articles and falls back to the summary, recording why', async () => {
    const report = await pollFeed(feed('fulltext', '/fulltext-feed', { fullText: true }), deps);
    expect(report).toMatchObject({ status: 'ok', itemsNew: 3, fullTextFetched: 1 });
    expect(report.fullTextFailed).toHaveLength(2);
    expect(report.fullTextFailed.join('\n')).toMatch(/404 Not Found for page .*missing-story/);
    expect(report.fullTextFailed.join('\n')).toMatch(/not-html is application\/pdf, not an HTML page/);
    const story = await stores.articles.getArticle(articleId(server.url('/story')));
    expect(story?.text.split('\n\n')).toEqual([
      'Los sicarios interceptaron al chofer de la empresa de transportes en la avenida Próceres, en San Juan de Lurigancho.',
      'Según la Policía, la empresa había recibido mensajes de extorsión exigiendo el pago de cupos semanales.',
      'Los vecinos denunciaron que la zona no tiene patrullaje desde hace meses y pidieron más presencia policial.',
    ]);
    const missing = await stores.articles.getArticle(articleId(server.url('/missing-story')));
    expect(missing?.text).toBe('Resumen 1 del feed.');
    expect((await stores.feedStates.get('fulltext'))?.lastFullTextError).toMatch(/^full text: /);

    const again = await pollFeed(feed('fulltext', '/fulltext-feed', { fullText: true }), deps);
    expect(again).toMatchObject({ itemsNew: 0, fullTextFetched: 0, fullTextFailed: [] });
  });

  it('refuses a private-address feed when the guard is on (outside local mode)', async () => {
    const guarded = { ...deps, fetcher: createHttpFetcher({ blockPrivateAddresses: true }) };
    const report = await pollFeed(feed('private', '/cp1252'), guarded);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/^fetch: refused http:\/\/127\.0\.0\.1:\d+\/cp1252: 127\.0\.0\.1 is not a public address/);
  });
});
