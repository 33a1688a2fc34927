/** `centinela feeds check --all` against a loopback server: one actionable line per feed of a list. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAllFeeds, formatCheckAll } from '../../bin/cli/feeds-check-all.ts';
import { selectFeeds } from '../../bin/cli/poll.ts';
import { createHttpFetcher, type HttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { fixed, startTestServer, type TestServer } from '../support/http-server.ts';

const NOW = new Date('2026-11-22T17:00:00.000Z');
const item = (n: number, date: string) => `<item><title>Nota ${n} sobre extorsión en Lima</title><link>https://ok.example.pe/${n}</link><pubDate>${date}</pubDate></item>`;
let server: TestServer;
let fetcher: HttpFetcher;

beforeAll(async () => {
  server = await startTestServer({
    '/ok': fixed(`<rss version="2.0"><channel><title>OK</title>${item(1, 'Sun, 22 Nov 2026 09:00:00 -0500')}${item(2, 'Sat, 21 Nov 2026 09:00:00 -0500')}</channel></rss>`),
    '/empty': fixed('<rss version="2.0"><channel><title>Vacío</title></channel></rss>'),
    '/stale': fixed(`<rss version="2.0"><channel><title>Viejo</title>${item(3, 'Mon, 01 Jun 2026 09:00:00 -0500')}</channel></rss>`),
    '/missing': fixed('not here', {}, 404),
    '/forbidden': fixed('no bots', {}, 403),
    '/page': fixed('<!doctype html><html><head><title>Inicio</title></head><body>hola</body></html>', { 'content-type': 'text/html' }),
    '/moved': (_request, response) => void response.writeHead(301, { location: '/ok' }).end(),
    '/section': fixed('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/ok"></head><body>hola</body></html>', {
      'content-type': 'text/html',
    }),
  });
  fetcher = createHttpFetcher({ timeoutMs: 15_000 });
});

afterAll(async () => {
  fetcher?.close();
  await server?.close();
});

describe('feeds check --all', () => {
  it('checks every feed of a list file and says, per feed, OK or what is wrong and what to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centinela-check-'));
    const file = path.join(dir, 'feeds.json');
    const routes = ['ok', 'empty', 'stale', 'missing', 'forbidden', 'page', 'moved'];
    writeFileSync(file, JSON.stringify(routes.map((r) => ({ id: r, name: r, url: server.url(`/${r}`), lang: 'es', notes: 'loopback', verified: 'unverified' }))));
    const lines = await checkAllFeeds(await selectFeeds({ feeds: file }), fetcher, NOW);
    expect(lines.map((l) => [l.id, l.status, l.items, l.newest])).toEqual([
      ['ok', 'OK', 2, '2026-11-22T14:00:00.000Z'],
      ['empty', 'WARN', 0, undefined],
      ['stale', 'WARN', 1, '2026-06-01T14:00:00.000Z'],
      ['missing', 'FAILED', undefined, undefined],
      ['forbidden', 'FAILED', undefined, undefined],
      ['page', 'FAILED', undefined, undefined],
      ['moved', 'WARN', 2, '2026-11-22T14:00:00.000Z'],
    ]);
    const todo = Object.fromEntries(lines.map((l) => [l.id, l.todo]));
    expect(todo.empty).toMatch(/wrong section slug/);
    expect(todo.stale).toMatch(/abandoned/);
    expect(todo.missing).toMatch(/find the outlet's current feed .* and update "url"/);
    expect(todo.forbidden).toMatch(/refuses automated clients/);
    expect(todo.page).toMatch(/use the feed it links to/);
    expect(todo.moved).toBe(`set "url" to ${server.url('/ok')}`);
    expect(lines[3]?.problem).toBe(`fetch: 404 Not Found for feed ${server.url('/missing')}`);
    const text = formatCheckAll(lines);
    expect(text).toContain('7 feed(s): 1 OK, 3 to look at, 3 failed. Nothing was stored.');
    expect(text).toContain(`fetch: 404 Not Found for feed ${server.url('/missing')} → the URL is wrong`);
  });

  it('names the feed a page advertises, and says to raise --max-bytes for a feed over the size cap', async () => {
    const small = createHttpFetcher({ timeoutMs: 15_000, maxBytes: 100 });
    try {
      const feeds = (routes: string[]) => routes.map((r) => ({ id: r, name: r, url: server.url(`/${r}`), lang: 'es' as const, fullText: false }));
      const [page] = await checkAllFeeds(feeds(['section']), fetcher, NOW);
      expect(page?.problem).toBe(`parse: ${server.url('/section')} is an HTML page, not a feed; the page names its feed: ${server.url('/ok')} (use that URL instead)`);
      const [big] = await checkAllFeeds(feeds(['ok']), small, NOW);
      expect(big?.status).toBe('FAILED');
      expect(big?.todo).toBe('the feed is larger than the size cap: raise it with --max-bytes (poll, feeds check), or use a smaller section feed of the outlet');
    } finally {
      small.close();
    }
  });
});
