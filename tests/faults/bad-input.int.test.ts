/**
 * The bad-input catalogue: one table, one row per hostile or broken input, each
 * with the exact outcome — the error sentence that names the input (and the fix),
 * or what is stored instead. For every row the test also checks that an article
 * stored before the catalogue ran is still there, and that the row finished in
 * bounded time and memory.
 *
 * Feeds go through the real path (loopback HTTP → fetch → decode → parse →
 * normalize → tag → DynamoDB Local) with pollFeed; article pages through
 * withFullText; files and settings through their parsers; CLI arguments through
 * `node bin/centinela.js`; unsubscribe requests through the Lambda handler.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { signUnsubscribeToken } from '../../lambdas/subscribers/unsubscribe-token.ts';
import { articleId } from '../../lambdas/feeds/normalize/canonical-url.ts';
import { parseFeedList } from '../../lambdas/feeds/feed-list.ts';
import { withFullText } from '../../lambdas/feeds/full-text/full-text.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher, type HttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeed, type PollDeps } from '../../lambdas/feeds/poll-feeds.ts';
import { readFeed } from '../../lambdas/feeds/parse/read-feed.ts';
import { createUnsubscribeHandler } from '../../lambdas/handlers/unsubscribe.ts';
import type { ArticleDraft } from '../../lambdas/model/article.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { DEFAULT_PREFERENCES } from '../../lambdas/subscribers/subscriber.ts';
import { validateEmail, validatePreferences } from '../../lambdas/subscribers/validate-subscriber.ts';
import { createTagger, loadTagger } from '../../lambdas/tagging/tagger.ts';
import bundledGazetteer from '../../lambdas/tagging/gazetteer.json' with { type: 'json' };
import bundledRules from '../../lambdas/tagging/themes.json' with { type: 'json' };
import { parseConfig } from '../../lib/config.ts';
import { functionUrlEvent, telemetry } from '../handlers/events.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { fixed, startTestServer, type Route, type TestServer } from '../support/http-server.ts';

const NOW = '2026-11-22T17:00:00.000Z';
const clock = fixedClock(NOW);
const SIGNING_KEY = 'catalogue-signing-key-0123456789';
const CAP = 10 * 1024 * 1024;
const MB = 1024 * 1024;
const fixture = (name: string) => readFileSync(new URL(`../feeds/fixtures/${name}`, import.meta.url));

interface Context {
  server: TestServer;
  stores: StoreContext;
  fetcher: HttpFetcher;
  /** Short idle timeout, for the rows that hang. */
  impatient: HttpFetcher;
  /** The Lambda's fetcher: non-public addresses refused. */
  guarded: HttpFetcher;
  /** The guard narrowed to link-local (169.254/16), so the loopback server stays reachable. */
  metadataGuarded: HttpFetcher;
}

interface Case {
  area: 'feed' | 'article page' | 'feed list' | 'rules' | 'config' | 'subscriber' | 'cli' | 'unsubscribe';
  name: string;
  /** Served at /<slug> on the loopback server, for feed and page rows. */
  serve?: Route;
  run(context: Context, url: string): Promise<unknown>;
  expected: unknown;
  /** Generous bounds (two cores, other suites running). */
  maxMs?: number;
  maxRssMb?: number;
}

// ---------------------------------------------------------------- builders

const item = (title: string, link: string, pubDate = 'Fri, 20 Nov 2026 12:00:00 GMT') =>
  `<item><title>${title}</title><link>${link}</link><pubDate>${pubDate}</pubDate>` +
  '<description>La policía investiga el cobro de cupos a choferes en Trujillo.</description></item>';
const rss = (items: string, declaration = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${declaration}<rss version="2.0"><channel><title>Catálogo</title><link>https://bad.example.pe/</link>${items}</channel></rss>`;
const link = (slug: string, n = 1) => `https://bad.example.pe/${slug}/${n}`;
const xml = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fixed(body, { 'content-type': 'application/rss+xml', ...headers });

/** A body streamed without Content-Length, so only the running count can stop it. */
const streamed = (bytes: number): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  const chunk = Buffer.alloc(MB, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    response.end();
  };
  response.on('error', () => undefined);
  pump();
};

const redirect = (location: string): Route => (_request, response) => void response.writeHead(302, { location }).end();
const never: Route = () => undefined;

// ---------------------------------------------------------------- runners

type PollOutcome = { status: string; error?: string; itemsNew: number; rejected: string[]; stored: unknown[] };

/** pollFeed into DynamoDB Local; `links` are read back to show what was stored. */
function poll(slug: string, links: string[] = []) {
  return async (context: Context, url: string): Promise<PollOutcome> => {
    const feed: FeedSource = { id: `bad-${slug}`, name: slug, url, lang: 'es', fullText: false };
    const deps: PollDeps = { fetcher: context.fetcher, tagger: loadTagger(), clock, articles: context.stores.articles, feedStates: context.stores.feedStates };
    const report = await pollFeed(feed, deps);
    const stored = await Promise.all(links.map((l) => context.stores.articles.getArticle(articleId(l))));
    return {
      status: report.status,
      ...(report.error ? { error: report.error } : {}),
      itemsNew: report.itemsNew,
      rejected: report.rejected,
      stored: stored.map((a) => a && { title: a.title, publishedAt: a.publishedAt, dateSource: a.dateSource, summary: a.summary }),
    };
  };
}

/** A feed that fails: the sentence, and the failure recorded in its state with a backoff. */
function pollFails(slug: string, fetcher: (c: Context) => HttpFetcher = (c) => c.fetcher) {
  return async (context: Context, url: string) => {
    const feed: FeedSource = { id: `bad-${slug}`, name: slug, url, lang: 'es', fullText: false };
    const report = await pollFeed(feed, { ...(await depsOf(context)), fetcher: fetcher(context) });
    const state = await context.stores.feedStates.get(feed.id);
    return { status: report.status, error: report.error, recorded: state?.lastError === report.error && Boolean(state?.nextAttemptAt) };
  };
}

async function depsOf(context: Context): Promise<PollDeps> {
  return { fetcher: context.fetcher, tagger: loadTagger(), clock, articles: context.stores.articles, feedStates: context.stores.feedStates };
}

const failed = (error: string) => ({ status: 'failed', error, recorded: true });

function draftFor(url: string): ArticleDraft {
  const text = 'Resumen del feed: la policía investiga un caso de extorsión en Trujillo.';
  return {
    id: articleId(url), canonicalUrl: url, title: 'Nota', summary: text, text, categories: [], publishedAt: NOW, dateSource: 'feed',
    firstSeenAt: NOW, feedId: 'pages', sources: [{ feedId: 'pages', feedName: 'pages', link: url }],
  };
}

function fullText(fetcher: (c: Context) => HttpFetcher = (c) => c.fetcher) {
  return async (context: Context, url: string) => {
    const result = await withFullText(draftFor(url), fetcher(context));
    return result.ok ? { ok: true, text: result.draft.text } : { ok: false, error: result.error, keptFeedText: result.draft.text === draftFor(url).text };
  };
}

const throws = (work: () => unknown) => async () => {
  try {
    return { returned: await work() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

function cli(...args: string[]) {
  return () =>
    new Promise<{ exit: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/centinela.js', ...args], { cwd: new URL('../..', import.meta.url).pathname });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ exit, stderr }));
    });
}

const reader = 'lector@example.pe';
const tokenFor = (email: string, expiresAt: string) => signUnsubscribeToken({ email, expiresAt: Date.parse(expiresAt) / 1000 }, SIGNING_KEY);
const goodToken = tokenFor(reader, '2027-01-01T00:00:00Z');

function unsubscribe(event: () => ReturnType<typeof functionUrlEvent>) {
  return async (context: Context) => {
    const handler = createUnsubscribeHandler({
      subscribers: context.stores.subscribers,
      signingKey: async () => SIGNING_KEY,
      clock,
      logger: telemetry().logger,
    });
    const response = (await handler(event())) as { statusCode: number; body: string; headers?: Record<string, string> };
    const subscriber = await context.stores.subscribers.get(reader);
    return { status: response.statusCode, body: String(response.body), allow: response.headers?.allow, readerStatus: subscriber?.status };
  };
}

const INVALID_LINK = 'This unsubscribe link is invalid or has expired. Use the link in a recent digest.';
const refusedUnsubscribe = { status: 400, body: expect.stringContaining(INVALID_LINK), readerStatus: 'active' };

function rules(edit: (rules: { themes: Record<string, unknown>[] } & Record<string, unknown>) => unknown) {
  return throws(() => createTagger(edit(structuredClone(bundledRules) as never), bundledGazetteer));
}

const config = (raw: Record<string, unknown>) => throws(() => parseConfig({ senderEmail: 'digests@example.org', ownerEmail: 'owner@example.org', ...raw }, '/tmp'));
const feedList = (json: unknown) => throws(() => parseFeedList(json));
const fine = { id: 'ok', name: 'OK', url: 'https://ok.example.pe/rss', lang: 'es' };
const CATALOG = { themes: ['extortion', 'prisons'], regions: ['lima'] };

// ---------------------------------------------------------------- the catalogue

const secret = readFileSync(new URL('../feeds/fixtures/xxe-secret.txt', import.meta.url), 'utf8').trim();
const hugeTitle = 'Extorsión en Trujillo '.repeat(50_000); // ~1.1 MB
const tenThousand = rss(Array.from({ length: 10_000 }, (_, n) => item(`Robo ${n} en Surco`, link('ten-thousand', n))).join(''));
const gzipBomb = gzipSync(Buffer.alloc(256 * MB)); // ~250 KB on the wire
const fiftyMb = Buffer.alloc(50 * MB, 0x20);
const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, n) => (n * 7919 + 13) % 256));
const story = '<p>' + 'La Policía Nacional capturó a los presuntos extorsionadores que cobraban cupos a transportistas en Trujillo. '.repeat(4) + '</p>';

const cases: Case[] = [
  // ---- feeds
  { area: 'feed', name: 'malformed XML (a tag closed out of order)', serve: xml(rss('<item><title>a</item>')), run: pollFails('malformed'),
    expected: failed('') },
  { area: 'feed', name: 'truncated document', serve: xml(rss(item('a', link('truncated'))).slice(0, 150)), run: pollFails('truncated'), expected: failed('') },
  { area: 'feed', name: 'billion laughs (nested entity expansion)', serve: xml(fixture('billion-laughs.xml')), run: poll('laughs', ['https://laughs.example.pe/1']),
    expected: { status: 'ok', itemsNew: 1, stored: [{ title: '&lol9;', summary: '&lol9;' }] }, maxRssMb: 100 },
  { area: 'feed', name: 'XXE: external entities naming a local file, /etc/passwd and a URL', serve: xml(fixture('xxe.xml')), run: async (c, url) => {
      const outcome = await poll('xxe', ['https://xxe.example.pe/1'])(c, url);
      return { ...outcome, leaked: JSON.stringify(outcome).includes(secret) || JSON.stringify(outcome).includes('root:') };
    },
    expected: { status: 'ok', itemsNew: 1, leaked: false, stored: [{ title: 'Leak &secret; &passwd; &remote;' }] } },
  { area: 'feed', name: '50 MB body streamed without Content-Length', serve: streamed(50 * MB), run: pollFails('streamed-50mb'), expected: failed(''), maxRssMb: 150 },
  { area: 'feed', name: '50 MB body with Content-Length', serve: xml(fiftyMb), run: pollFails('declared-50mb'), expected: failed(''), maxRssMb: 100 },
  { area: 'feed', name: 'gzip bomb: 250 KB that inflates to 256 MB (Content-Encoding: gzip)', serve: xml(gzipBomb, { 'content-encoding': 'gzip' }),
    run: pollFails('gzip-bomb'), expected: failed(''), maxRssMb: 150 },
  { area: 'feed', name: 'gzip bomb served as the body itself (no Content-Encoding)', serve: fixed(gzipBomb, { 'content-type': 'application/octet-stream' }),
    run: pollFails('gzip-file'), expected: failed(''), maxRssMb: 150 },
  { area: 'feed', name: 'Content-Encoding: gzip on a plain body', serve: xml(rss(item('a', link('fake-gzip'))), { 'content-encoding': 'gzip' }),
    run: pollFails('fake-gzip'), expected: failed('') },
  { area: 'feed', name: 'charset: HTTP says ISO-8859-1, body is UTF-8', serve: xml(rss(item('Policía captura a extorsionador en Piñas', link('wrong-charset'))), { 'content-type': 'application/rss+xml; charset=iso-8859-1' }),
    run: poll('wrong-charset', [link('wrong-charset')]), expected: { status: 'ok', itemsNew: 1, stored: [{ title: 'Policía captura a extorsionador en Piñas' }] } },
  { area: 'feed', name: 'charset absent everywhere, body is windows-1252 with curly quotes', serve: xml(iconv.encode(rss(item('“Cupos”: Policía detiene a 3 en Ñaña', link('no-charset')), '<?xml version="1.0"?>'), 'windows-1252'), { 'content-type': 'text/xml' }),
    run: poll('no-charset', [link('no-charset')]), expected: { status: 'ok', itemsNew: 1, stored: [{ title: '“Cupos”: Policía detiene a 3 en Ñaña' }] } },
  { area: 'feed', name: 'charset label nobody knows (x-klingon)', serve: xml(rss(item('Policía en Lima', link('klingon'))), { 'content-type': 'application/xml; charset=x-klingon' }),
    run: poll('klingon', [link('klingon')]), expected: { status: 'ok', itemsNew: 1, stored: [{ title: 'Policía en Lima' }] } },
  { area: 'feed', name: 'UTF-16LE without a byte-order mark', serve: xml(iconv.encode(rss(item('Policía en Puno', link('utf16')), '<?xml version="1.0" encoding="UTF-16"?>'), 'utf16le'), { 'content-type': 'application/xml' }),
    run: poll('utf16', [link('utf16')]), expected: { status: 'ok', itemsNew: 1, stored: [{ title: 'Policía en Puno' }] } },
  { area: 'feed', name: 'binary garbage', serve: fixed(garbage, { 'content-type': 'application/rss+xml' }), run: pollFails('garbage'), expected: failed('') },
  { area: 'feed', name: 'an HTML page instead of a feed', serve: fixed('<!DOCTYPE html><html><head><title>Inicio</title></head><body>Noticias</body></html>', { 'content-type': 'text/html' }),
    run: pollFails('html'), expected: failed('') },
  { area: 'feed', name: 'empty body', serve: xml(''), run: pollFails('empty'), expected: failed('') },
  { area: 'feed', name: 'whitespace only', serve: xml(' \r\n\t '), run: pollFails('blank'), expected: failed('') },
  { area: 'feed', name: 'plain text', serve: fixed('Sitio en mantenimiento', { 'content-type': 'text/plain' }), run: pollFails('text'), expected: failed('') },
  { area: 'feed', name: 'broken JSON', serve: fixed('{"version": "https://jsonfeed.org/version/1.1", "items": [', { 'content-type': 'application/feed+json' }), run: pollFails('bad-json'), expected: failed('') },
  { area: 'feed', name: 'JSON that is not a JSON Feed', serve: fixed('{"status": "ok"}', { 'content-type': 'application/json' }), run: pollFails('not-json-feed'), expected: failed('') },
  { area: 'feed', name: 'empty feed: a channel without items', serve: xml(rss('')), run: poll('empty-feed'), expected: { status: 'ok', itemsNew: 0, rejected: [] } },
  { area: 'feed', name: '<rss> without a <channel>', serve: xml('<rss version="2.0"></rss>'), run: poll('no-channel'), expected: { status: 'ok', itemsNew: 0, rejected: [] } },
  { area: 'feed', name: '50,000 nested elements', serve: xml(`<rss version="2.0"><channel>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</channel></rss>`),
    run: poll('nested'), expected: { status: 'ok', itemsNew: 0 } },
  { area: 'feed', name: '10,000 items (read, parsed and normalized; not stored)', serve: xml(tenThousand), maxMs: 20_000, maxRssMb: 300,
    run: async (c, url) => {
      const read = await readFeed({ id: 'bad-ten-thousand', name: 'x', url, lang: 'es', fullText: false }, c.fetcher, {}, new Date(NOW));
      return read.status === 'ok' ? { itemsSeen: read.itemsSeen, drafts: read.drafts.length, last: read.drafts.at(-1)?.title } : read;
    },
    expected: { itemsSeen: 10_000, drafts: 10_000, last: 'Robo 9999 en Surco' } },
  { area: 'feed', name: 'date in year 0000', serve: xml(rss(item('Robo en Ate', link('year-0'), 'Sat, 01 Jan 0000 00:00:00 GMT'))),
    run: poll('year-0', [link('year-0')]), expected: { status: 'ok', itemsNew: 1, stored: [{ publishedAt: NOW, dateSource: 'first_seen' }] } },
  { area: 'feed', name: 'date in year 9999', serve: xml(rss(item('Robo en Comas', link('year-9999'), 'Fri, 31 Dec 9999 23:59:59 GMT'))),
    run: poll('year-9999', [link('year-9999')]), expected: { status: 'ok', itemsNew: 1, stored: [{ publishedAt: NOW, dateSource: 'first_seen' }] } },
  { area: 'feed', name: 'date that is not a date', serve: xml(rss(item('Robo en Surco', link('garbage-date'), 'ayer por la tarde'))),
    run: poll('garbage-date', [link('garbage-date')]), expected: { status: 'ok', itemsNew: 1, stored: [{ publishedAt: NOW, dateSource: 'first_seen' }] } },
  { area: 'feed', name: '1 MB title next to a normal item', serve: xml(rss(item(hugeTitle, link('huge-title', 1)) + item('Robo en Ate', link('huge-title', 2)))),
    run: async (c, url) => {
      const outcome = await poll('huge-title', [link('huge-title', 1), link('huge-title', 2)])(c, url);
      return { ...outcome, stored: outcome.stored.map((s) => (s as { title: string }).title.length) };
    },
    expected: { status: 'ok', itemsNew: 2, stored: [500, 'Robo en Ate'.length] } },
  { area: 'feed', name: 'link of 500,000 characters', serve: xml(rss(item('Robo largo', `https://bad.example.pe/${'p'.repeat(500_000)}`) + item('Robo corto', link('huge-link')))),
    run: poll('huge-link', [link('huge-link')]),
    expected: { status: 'ok', itemsNew: 1, rejected: ['item "Robo largo" skipped: its link is 500023 characters long (at most 2048)'], stored: [{ title: 'Robo corto' }] } },
  { area: 'feed', name: 'javascript: link', serve: xml(rss(item('Robo', 'javascript:alert(document.cookie)'))), run: poll('javascript-link'),
    expected: { status: 'ok', itemsNew: 0, rejected: ['item "Robo" skipped: its link "javascript:alert(document.cookie)" is not an http(s) URL'] } },
  { area: 'feed', name: 'item without any link', serve: xml(rss('<item><title>Sin enlace</title><description>x</description></item>')), run: poll('no-link'),
    expected: { status: 'ok', itemsNew: 0, rejected: ['item "Sin enlace" skipped: it has no link'] } },
  { area: 'feed', name: '<script> and an onerror image in the title', serve: xml(rss(item('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;Robo en Surco', link('script-title')))),
    run: poll('script-title', [link('script-title')]), expected: { status: 'ok', itemsNew: 1, stored: [{ title: 'Robo en Surco' }] } },
  { area: 'feed', name: 'control characters and bare ampersands', serve: xml(rss(item('Robo\u0001 & asalto\u0008 en Ate', link('controls')))),
    run: poll('controls', [link('controls')]), expected: { status: 'ok', itemsNew: 1, stored: [{ title: 'Robo & asalto en Ate' }] } },
  { area: 'feed', name: '404 Not Found', serve: fixed('no', {}, 404), run: pollFails('gone'), expected: failed('') },
  { area: 'feed', name: 'redirect to file:///etc/passwd', serve: redirect('file:///etc/passwd'), run: pollFails('to-file'), expected: failed('') },
  { area: 'feed', name: 'redirect to the cloud metadata address (SSRF)', serve: redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    run: pollFails('to-metadata', (c) => c.metadataGuarded), expected: failed('') },
  { area: 'feed', name: 'feed URL at the metadata address itself, with the Lambda fetcher', run: async (c) => pollFails('metadata', (x) => x.guarded)(c, 'http://169.254.169.254/latest/meta-data/'),
    expected: failed('') },
  { area: 'feed', name: 'feed URL at an IPv4-mapped IPv6 metadata address', run: async (c) => pollFails('metadata-v6', (x) => x.guarded)(c, 'http://[::ffff:a9fe:a9fe]/'),
    expected: failed('') },
  { area: 'feed', name: 'feed URL on loopback, with the Lambda fetcher', run: pollFails('loopback', (c) => c.guarded),
    expected: failed('') },
  { area: 'feed', name: 'a server that accepts and never answers', serve: never, run: pollFails('never', (c) => c.impatient), expected: failed('') },

  // ---- article pages (full text)
  { area: 'article page', name: 'a PDF where the story should be', serve: fixed(Buffer.from('%PDF-1.7 binary'), { 'content-type': 'application/pdf' }), run: fullText(),
    expected: { ok: false, error: '', keptFeedText: true } },
  { area: 'article page', name: '50 MB page', serve: fixed(fiftyMb, { 'content-type': 'text/html' }), run: fullText(), maxRssMb: 100,
    expected: { ok: false, error: '', keptFeedText: true } },
  { area: 'article page', name: 'page of scripts, navigation and ads, no story', serve: fixed('<html><body><nav>Inicio Política Policiales</nav><script>var a = "' + 'x'.repeat(5000) + '";</script><div class="ad">Publicidad</div></body></html>', { 'content-type': 'text/html' }),
    run: fullText(), expected: { ok: false, error: '', keptFeedText: true } },
  { area: 'article page', name: 'hostile page: scripts, iframes and handlers around a real story', serve: fixed(`<html><body><script>alert(1)</script><article>${story}<iframe src="javascript:alert(2)"></iframe><p onclick="alert(3)">Los detenidos fueron puestos a disposición de la Fiscalía.</p></article></body></html>`, { 'content-type': 'text/html; charset=utf-8' }),
    run: async (c, url) => {
      const result = (await fullText()(c, url)) as { ok: boolean; text?: string };
      return { ok: result.ok, markup: /<|alert\(/.test(result.text ?? ''), startsWith: result.text?.slice(0, 33) };
    },
    expected: { ok: true, markup: false, startsWith: 'La Policía Nacional capturó a los' } },
  { area: 'article page', name: 'binary garbage labelled text/html', serve: fixed(garbage, { 'content-type': 'text/html' }), run: fullText(),
    expected: { ok: false, error: '', keptFeedText: true } },
  { area: 'article page', name: 'page that never answers', serve: never, run: fullText((c) => c.impatient), expected: { ok: false, error: '', keptFeedText: true } },
  { area: 'article page', name: 'page redirecting to javascript:', serve: redirect('javascript:alert(1)'), run: fullText(), expected: { ok: false, error: '', keptFeedText: true } },

  // ---- the feed list file
  { area: 'feed list', name: 'a string instead of a list', run: feedList('feeds.json'), expected: { error: 'feed list: must be a JSON array of feeds, or an object with a "feeds" array' } },
  { area: 'feed list', name: 'a file: URL', run: feedList([{ ...fine, id: 'local', url: 'file:///etc/passwd' }]), expected: { error: 'feed list: feed #1 ("local"): url must be an absolute http(s) URL' } },
  { area: 'feed list', name: 'the same id twice', run: feedList([fine, { ...fine }]), expected: { error: 'feed list: feed "ok": id is used by 2 entries; ids must be unique' } },
  { area: 'feed list', name: 'a misspelt field', run: feedList([{ ...fine, fulltext: true }]), expected: { error: 'feed list: feed #1 ("ok"): (entry) has unknown field(s) fulltext' } },
  { area: 'feed list', name: 'a missing name and a bad language', run: feedList([{ id: 'x', url: 'https://x.example.pe/', lang: 'qu' }]),
    expected: { error: 'feed list: feed #1 ("x"): name is missing; feed #1 ("x"): lang must be "es" or "en"' } },

  // ---- the rules file
  { area: 'rules', name: 'null instead of rules', run: throws(() => createTagger(null, bundledGazetteer)), expected: { error: 'rules: themes: Invalid input: expected object, received null' } },
  { area: 'rules', name: 'a term weighing 50', run: rules((r) => ((r.themes[0]!.terms as { weight: number }[])[0]!.weight = 50, r)),
    expected: { error: 'rules: themes, theme "extortion", term "extorsion*", field "weight": must be at most 10' } },
  { area: 'rules', name: 'a theme id in capitals', run: rules((r) => ((r.themes[0]!.id = 'Extortion'), r)), expected: { error: 'rules: themes, theme "Extortion", field "id": must be lower_snake_case' } },
  { area: 'rules', name: 'a theme without terms', run: rules((r) => ((r.themes[0]!.terms = []), r)), expected: { error: 'rules: themes, theme "extortion", field "terms": has no terms' } },
  { area: 'rules', name: 'a context list that does not exist', run: rules((r) => (((r.themes[0]!.terms as { context?: string[] }[])[0]!.context = ['@nope']), r)),
    expected: { error: 'rules: themes, theme "extortion", term "extorsion*", context: context list "@nope" is not defined in "contexts"' } },
  { area: 'rules', name: 'a gazetteer whose regions are a string', run: throws(() => createTagger(bundledRules, { regions: 'lima' })),
    expected: { error: 'rules: gazetteer, field "version": Invalid input: expected string, received undefined; gazetteer, field "regions": Invalid input: expected array, received string' } },

  // ---- CDK settings (lib/config.ts)
  { area: 'config', name: 'no sender address', run: throws(() => parseConfig({ ownerEmail: 'owner@example.org' })),
    expected: { error: 'config: context key "senderEmail" is required: pass -c senderEmail=digests@example.org to cdk (or set it under "context" in cdk.json)' } },
  { area: 'config', name: 'a sender address carrying a Bcc header', run: config({ senderEmail: 'digests@example.org\r\nBcc: all@example.org' }),
    expected: { error: 'config: context key "senderEmail" must be an email address (got "digests@example.org\\r\\nBcc: all@example.org"): pass -c senderEmail=digests@example.org to cdk (or set it under "context" in cdk.json)' } },
  { area: 'config', name: 'retention "forever"', run: config({ retentionDays: 'forever' }),
    expected: { error: 'config: context key "retentionDays" must be a number (got "forever"): pass -c retentionDays=400 to cdk (or set it under "context" in cdk.json)' } },
  { area: 'config', name: 'a schedule in words', run: config({ pollSchedule: 'every 5 min' }),
    expected: { error: 'config: context key "pollSchedule" must be an EventBridge Scheduler expression: rate(15 minutes), cron(0 7 * * ? *) or at(…) (got "every 5 min"): pass -c pollSchedule="rate(15 minutes)" to cdk (or set it under "context" in cdk.json)' } },
  { area: 'config', name: 'a time zone that does not exist', run: config({ timezone: 'Mars/Olympus' }),
    expected: { error: 'config: context key "timezone" must be an IANA time zone such as America/Lima (got "Mars/Olympus"): pass -c timezone=America/Lima to cdk (or set it under "context" in cdk.json)' } },
  { area: 'config', name: 'a feed list file that is not there', run: config({ feedList: 'missing-feeds.json' }),
    expected: { error: "config: context key \"feedList\": cannot read /tmp/missing-feeds.json as JSON (ENOENT: no such file or directory, open '/tmp/missing-feeds.json'): pass -c feedList=./my-feeds.json" } },

  // ---- subscriber input
  { area: 'subscriber', name: 'an address with a CRLF Bcc header', run: throws(() => validateEmail('ana@example.pe\r\nBcc: everyone@example.pe')),
    expected: { error: 'subscribers: "ana@example.pe\r\nBcc: everyone@example.pe" is not a valid email address.' } },
  { area: 'subscriber', name: 'an address of 261 characters', run: throws(() => validateEmail(`${'a'.repeat(250)}@example.pe`)),
    expected: { error: `subscribers: "${'a'.repeat(250)}@example.pe" is not a valid email address.` } },
  { area: 'subscriber', name: 'markup in the address', run: throws(() => validateEmail('"<script>"@example.pe')), expected: { error: 'subscribers: ""<script>"@example.pe" is not a valid email address.' } },
  { area: 'subscriber', name: 'hour 25', run: throws(() => validatePreferences({ hour: 25 }, CATALOG)), expected: { error: 'subscribers: hour must be a whole number from 0 to 23, not "25".' } },
  { area: 'subscriber', name: 'a theme that does not exist', run: throws(() => validatePreferences({ themes: ['bitcoin'] }, CATALOG)),
    expected: { error: 'subscribers: unknown theme "bitcoin". Valid themes: extortion, prisons.' } },
  { area: 'subscriber', name: 'a weekday that does not exist', run: throws(() => validatePreferences({ weekday: 'funday' }, CATALOG)),
    expected: { error: 'subscribers: weekday must be one of mon, tue, wed, thu, fri, sat, sun (or 1–7, Monday = 1), not "funday".' } },

  // ---- CLI arguments (each fails before DynamoDB Local would start)
  { area: 'cli', name: 'query --since yesterday', run: cli('query', '--since', 'yesterday'), maxMs: 30_000,
    expected: { exit: 2, stderr: expect.stringContaining('--since "yesterday" is not a period; use 7d, 24h, 90m, 2w, a day like 2026-11-01 or an instant like 2026-11-01T08:00.') } },
  { area: 'cli', name: 'query --theme bitcoin', run: cli('query', '--theme', 'bitcoin'), maxMs: 30_000,
    expected: { exit: 2, stderr: expect.stringContaining('unknown theme "bitcoin". Valid themes: extortion (Extortion), ') } },
  { area: 'cli', name: 'query --format xml', run: cli('query', '--format', 'xml'), maxMs: 30_000,
    expected: { exit: 2, stderr: expect.stringContaining("option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv, jsonl.") } },
  { area: 'cli', name: 'rules eval on a file that is not there', run: cli('rules', 'eval', '/nonexistent/dev.jsonl'), maxMs: 30_000,
    expected: { exit: 2, stderr: expect.stringContaining('rules eval: file /nonexistent/dev.jsonl does not exist; check the path') } },

  // ---- HTTP requests to the unsubscribe handler
  { area: 'unsubscribe', name: 'a token whose address was changed', run: unsubscribe(() => {
      const [, signature] = goodToken.split('.');
      const forged = Buffer.from(JSON.stringify({ e: reader, x: Date.parse('2030-01-01') / 1000 })).toString('base64url');
      return functionUrlEvent('POST', { token: `${forged}.${signature}` }, 'List-Unsubscribe=One-Click');
    }), expected: refusedUnsubscribe },
  { area: 'unsubscribe', name: 'a token signed with another key', run: unsubscribe(() =>
      functionUrlEvent('POST', { token: signUnsubscribeToken({ email: reader, expiresAt: Date.parse('2027-01-01') / 1000 }, 'an-attackers-own-key-0123456789') }, 'List-Unsubscribe=One-Click')),
    expected: refusedUnsubscribe },
  { area: 'unsubscribe', name: 'an expired token', run: unsubscribe(() => functionUrlEvent('POST', { token: tokenFor(reader, '2026-11-01T00:00:00Z') }, 'List-Unsubscribe=One-Click')),
    expected: refusedUnsubscribe },
  { area: 'unsubscribe', name: 'no token at all', run: unsubscribe(() => functionUrlEvent('POST', {}, 'List-Unsubscribe=One-Click')), expected: refusedUnsubscribe },
  { area: 'unsubscribe', name: 'a token of three parts', run: unsubscribe(() => functionUrlEvent('GET', { token: `${goodToken}.extra` })), expected: refusedUnsubscribe },
  { area: 'unsubscribe', name: 'DELETE', run: unsubscribe(() => ({ ...functionUrlEvent('GET', { token: goodToken }), requestContext: { ...functionUrlEvent('GET', {}).requestContext, http: { ...functionUrlEvent('GET', {}).requestContext.http, method: 'DELETE' } } })),
    expected: { status: 405, allow: 'GET, POST', body: expect.stringContaining('Method not allowed'), readerStatus: 'active' } },
  { area: 'unsubscribe', name: 'a 5 MB form body with no valid token', run: unsubscribe(() => functionUrlEvent('POST', {}, `token=${'A'.repeat(5 * MB)}`)), maxRssMb: 150,
    expected: refusedUnsubscribe },
  { area: 'unsubscribe', name: 'GET with a valid token (what a link scanner does) changes nothing', run: unsubscribe(() => functionUrlEvent('GET', { token: goodToken })),
    expected: { status: 200, body: expect.stringContaining('Stop receiving Centinela digests at <strong>lector@example.pe</strong>?'), readerStatus: 'active' } },
];

// The exact sentences of the failing feed and page rows, by name (kept out of the table's lines for width).
const sentences: Record<string, (url: string) => string> = {
  'malformed XML (a tag closed out of order)': (u) => `parse: ${u} is not a readable RSS or Atom feed (Unexpected close tag Line: 0 Column: 146 Char: >)`,
  'truncated document': (u) => `parse: ${u} is not a readable RSS or Atom feed (Unclosed root tag Line: 0 Column: 150 Char:)`,
  '50 MB body streamed without Content-Length': (u) => `fetch: response is larger than the ${CAP}-byte cap from ${u}`,
  '50 MB body with Content-Length': (u) => `fetch: response is larger than the ${CAP}-byte cap from ${u}`,
  'gzip bomb: 250 KB that inflates to 256 MB (Content-Encoding: gzip)': (u) => `fetch: response is larger than the ${CAP}-byte cap from ${u}`,
  'gzip bomb served as the body itself (no Content-Encoding)': (u) => `parse: ${u} is not a readable RSS or Atom feed (Non-whitespace before first tag. Line: 0 Column: 1 Char: \u2039)`,
  'Content-Encoding: gzip on a plain body': (u) => `fetch: could not read the body of ${u} (incorrect header check)`,
  'binary garbage': (u) => `parse: ${u} is not a readable RSS or Atom feed (Non-whitespace before first tag. Line: 0 Column: 2 Char: \u00fc)`,
  'an HTML page instead of a feed': (u) => `parse: ${u} is an HTML page, not a feed (look for a <link rel="alternate"> RSS URL in it)`,
  'empty body': (u) => `parse: ${u} is empty, not a feed`,
  'whitespace only': (u) => `parse: ${u} is empty, not a feed`,
  'plain text': (u) => `parse: ${u} is not a readable RSS or Atom feed (Non-whitespace before first tag. Line: 0 Column: 1 Char: S)`,
  'broken JSON': (u) => `parse: ${u} looks like JSON but is not valid JSON (Unexpected end of JSON input)`,
  'JSON that is not a JSON Feed': (u) => `parse: ${u} is a JSON document but not a JSON Feed (no version or no items array)`,
  '404 Not Found': (u) => `fetch: 404 Not Found for feed ${u}`,
  'redirect to file:///etc/passwd': (u) => `fetch: only http and https URLs can be fetched, not file: (file:///etc/passwd) (redirect from ${u})`,
  'redirect to the cloud metadata address (SSRF)': () =>
    'fetch: refused http://169.254.169.254/latest/meta-data/iam/security-credentials/: 169.254.169.254 is not a public address (private addresses are blocked; see "Private addresses" in docs/feeds.md)',
  'feed URL at the metadata address itself, with the Lambda fetcher': () =>
    'fetch: refused http://169.254.169.254/latest/meta-data/: 169.254.169.254 is not a public address (private addresses are blocked; see "Private addresses" in docs/feeds.md)',
  'feed URL at an IPv4-mapped IPv6 metadata address': () =>
    'fetch: refused http://[::ffff:a9fe:a9fe]/: ::ffff:a9fe:a9fe is not a public address (private addresses are blocked; see "Private addresses" in docs/feeds.md)',
  'feed URL on loopback, with the Lambda fetcher': (u) =>
    `fetch: refused ${u}: 127.0.0.1 is not a public address (private addresses are blocked; see "Private addresses" in docs/feeds.md)`,
  'a server that accepts and never answers': (u) => `fetch: no data for 1500 ms from ${u}`,
  'a PDF where the story should be': (u) => `full text: ${u} is application/pdf, not an HTML page`,
  '50 MB page': (u) => `full text: fetch: response is larger than the ${CAP}-byte cap from ${u}; kept the feed's text`,
  'page of scripts, navigation and ads, no story': (u) => `full text: no article text found on ${u}; kept the feed's text`,
  'binary garbage labelled text/html': (u) => `full text: no article text found on ${u}; kept the feed's text`,
  'page that never answers': (u) => `full text: fetch: no data for 1500 ms from ${u}; kept the feed's text`,
  'page redirecting to javascript:': (u) => `full text: fetch: only http and https URLs can be fetched, not javascript: (javascript:alert(1)) (redirect from ${u}); kept the feed's text`,
};

const slug = (c: Case) => `/${c.area.replace(/\W+/g, '-')}-${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60)}`;

describe('the bad-input catalogue', () => {
  let context: Context;
  const seed = { link: 'https://seed.example.pe/policiales/1', title: 'Capturan a extorsionadores en Trujillo' };

  beforeAll(async () => {
    const routes: Record<string, Route> = {};
    for (const c of cases) if (c.serve) routes[slug(c)] = c.serve;
    routes['/feed-loopback'] = fixed(rss(item('x', link('loopback'))));
    routes['/seed'] = xml(rss(item(seed.title, seed.link)));
    const server = await startTestServer(routes);
    const stores = await createTestStores();
    context = {
      server,
      stores,
      fetcher: createHttpFetcher({ timeoutMs: 10_000 }),
      impatient: createHttpFetcher({ idleTimeoutMs: 1_500, timeoutMs: 3_000 }),
      guarded: createHttpFetcher({ blockPrivateAddresses: true }),
      metadataGuarded: createHttpFetcher({ blockPrivateAddresses: true, isBlockedAddress: (address) => /^(::ffff:)?169\.254\./.test(address) }),
    };
    // What was stored before any bad input arrived, and the subscriber the unsubscribe rows aim at.
    const seeded = await pollFeed({ id: 'seed', name: 'Seed', url: server.url('/seed'), lang: 'es', fullText: false }, await depsOf(context));
    expect(seeded).toMatchObject({ status: 'ok', itemsNew: 1 });
    await stores.subscribers.put({ ...DEFAULT_PREFERENCES, email: reader, status: 'active', createdAt: NOW, updatedAt: NOW });
  });

  afterAll(async () => {
    for (const fetcher of [context.fetcher, context.impatient, context.guarded, context.metadataGuarded]) fetcher.close();
    await context.server.close();
    await context.stores.close();
  });

  it('has at least 40 rows, each with its own name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => `${c.area}: ${c.name}`)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [`${c.area}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const url = context.server.url(c.serve ? slug(c) : '/feed-loopback');
    const expected = withSentence(c, url);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    let outcome: unknown;
    try {
      outcome = await c.run(context, url);
    } finally {
      clearInterval(sampler);
    }
    const elapsed = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(outcome).toMatchObject(expected as object);
    expect(await context.stores.articles.getArticle(articleId(seed.link))).toMatchObject({ title: seed.title });
    expect(elapsed).toBeLessThan(c.maxMs ?? 10_000);
    expect((peak - before) / MB).toBeLessThan(c.maxRssMb ?? 200);
  }, 180_000);
});

/** Fills in the exact sentence for rows whose expected error depends on the served URL. */
function withSentence(c: Case, url: string): unknown {
  const sentence = sentences[c.name];
  if (!sentence) return c.expected;
  return { ...(c.expected as object), error: sentence(url) };
}
