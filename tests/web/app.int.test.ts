/**
 * The web app on DynamoDB Local: every page, the feeds out, bad input, the
 * languages, and escaping of hostile feed content.
 */
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LIMIT, MAX_PAGE } from '../../lambdas/web/filters.ts';
import { createWebFixture, HOSTILE_FEED_NAME, HOSTILE_TITLE, type WebFixture } from './web-fixture.ts';

/** The article titles a page lists, as text (entities decoded). */
const titlesIn = (page: string) =>
  [...page.matchAll(/<a class="title" href="\/article\/[0-9a-f]{32}">([^<]*)<\/a>/g)].map((m) =>
    m[1]!.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'),
  );

describe('the web app', () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await createWebFixture();
  });
  afterAll(() => web.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await web.app.request(`http://web.test${path}`, { headers });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  describe('timeline', () => {
    it('lists the last 30 days newest first, 25 a page, with a link to the next page', async () => {
      const page = await get('/');
      expect(page.status).toBe(200);
      const titles = titlesIn(page.body);
      expect(titles).toHaveLength(25);
      expect(titles[0]).toBe('Extorsión número 0 en Lima');
      expect(titles.slice(0, 5)).toEqual([
        'Extorsión número 0 en Lima', // 22 Nov 02:00 Lima
        'Minería ilegal en Pataz 0', // 21 Nov 07:00
        'Extorsión número 1 en Lima', // 21 Nov 02:00
        HOSTILE_TITLE, // 20 Nov 09:00
        'Extorsión número 2 en Lima', // 20 Nov 02:00
      ]);
      expect(page.body).toContain('rel="next" href="/?page=2"');
    });

    it('filters by theme and region, and pages through the rest', async () => {
      const mining = titlesIn((await get('/?theme=illegal_mining&period=90d')).body);
      expect(mining).toEqual(['Minería ilegal en Pataz 0', 'Minería ilegal en Pataz 1', 'Minería ilegal en Pataz 2']);
      const pataz = titlesIn((await get('/?region=pataz&period=30d')).body);
      expect(pataz).toEqual(['Minería ilegal en Pataz 0', 'Minería ilegal en Pataz 1']);
      const second = await get('/?theme=extortion&region=lima&limit=10&page=3');
      expect(titlesIn(second.body)).toHaveLength(10);
      expect(second.body).toContain('rel="prev" href="/?theme=extortion&amp;region=lima&amp;page=2&amp;limit=10"');
    });

    it('filters by outlet and by text in the title or summary (accents ignored)', async () => {
      const elcomercio = titlesIn((await get('/?feed=elcomercio&limit=100')).body);
      expect(elcomercio).toHaveLength(15);
      expect(elcomercio.every((t) => /número (\d*[13579]) /.test(t))).toBe(true);
      expect(titlesIn((await get('/?q=DRAGAS&period=90d')).body)).toEqual(['Minería ilegal en Pataz 0', 'Minería ilegal en Pataz 1', 'Minería ilegal en Pataz 2']);
      expect(titlesIn((await get('/?q=numero%2029')).body)).toEqual(['Extorsión número 29 en Lima']);
    });

    it('filters by country (ISO code, any case) on the index items', async () => {
      expect(titlesIn((await get('/?country=co')).body)).toEqual([HOSTILE_TITLE]);
      const peru = titlesIn((await get('/?country=PE&limit=100&period=90d')).body);
      expect(peru).toHaveLength(33);
      expect(peru).not.toContain(HOSTILE_TITLE);
      expect(titlesIn((await get('/?country=EC')).body)).toEqual([]);
    });

    it.each([
      ['/?theme=robo', 400, 'unknown theme "robo". Valid themes: extortion, illegal_mining'],
      ['/?region=atlantis', 400, 'unknown region "atlantis". Valid regions: '],
      ['/?feed=nope', 400, 'unknown outlet "nope". Valid outlets: larepublica, elcomercio.'],
      ['/?period=2y', 400, 'unknown period "2y". Valid periods: 1d, 7d, 30d, 90d, 365d.'],
      ['/?country=Peru', 400, 'unknown country "Peru". Valid countries: ISO 3166-1 alpha-2 codes such as PE (Peru)'],
      ['/?country=XX', 400, 'unknown country "XX". Valid countries: ISO 3166-1 alpha-2 codes'],
      [`/?page=${MAX_PAGE + 1}`, 400, `page must be a whole number from 1 to ${MAX_PAGE}, not "${MAX_PAGE + 1}".`],
      ['/?page=0', 400, 'page must be a whole number from 1 to 50'],
      [`/?limit=${MAX_LIMIT + 1}`, 400, `limit must be a whole number from 1 to ${MAX_LIMIT}`],
      ['/?limit=-3', 400, 'limit must be a whole number'],
      [`/?q=${'a'.repeat(101)}`, 400, 'the search text has 101 characters; at most 100 are searched.'],
      ['/article/not-an-id', 400, '"not-an-id" is not an article id'],
      ['/article/0123456789abcdef0123456789abcdef', 404, 'no stored article has id 0123456789abcdef0123456789abcdef'],
      ['/theme/robo', 404, 'unknown theme "robo". Valid themes: extortion'],
      ['/feed/pdf', 404, 'unknown feed format "pdf". Valid formats: rss, atom, json.'],
      ['/feed/rss?theme=robo', 400, 'unknown theme "robo". Valid themes: extortion'],
      ['/?theme=extortion&theme=robo', 400, '"theme" is given 2 times; give it once.'],
      ['/feed/atom?country=PE&country=EC', 400, '"country" is given 2 times; give it once.'],
    ])('%s answers %i naming the problem and the valid values', async (path, status, message) => {
      const page = await get(path, { 'accept-language': 'en' });
      expect(page.status).toBe(status);
      expect(page.body.replaceAll('&quot;', '"')).toContain(message);
    });

    it.each([
      ['/?theme=robo', 400, 'tema desconocido "robo". Valores válidos: extortion, illegal_mining'],
      ['/?region=atlantis', 400, 'región desconocida "atlantis". Valores válidos: '],
      ['/?country=XX', 400, 'país desconocido "XX". Valores válidos: códigos ISO 3166-1 alfa-2 como PE (Perú)'],
      ['/?page=0', 400, 'page debe ser un número entero de 1 a 50, no "0".'],
      [`/?q=${'a'.repeat(101)}`, 400, 'el texto de búsqueda tiene 101 caracteres; se buscan como máximo 100.'],
      ['/?theme=extortion&theme=robo', 400, '"theme" aparece 2 veces; indíquelo una sola vez.'],
      ['/article/not-an-id', 400, '"not-an-id" no es un identificador de artículo'],
      ['/article/0123456789abcdef0123456789abcdef', 404, 'ningún artículo guardado tiene el identificador 0123456789abcdef0123456789abcdef'],
      ['/region/atlantis', 404, 'región desconocida "atlantis"'],
      ['/nada', 404, '/nada: no existe esta página.'],
    ])('%s answers %i in Spanish on a page read in Spanish (the default)', async (path, status, message) => {
      const page = await get(path);
      expect(page.status).toBe(status);
      expect(page.body).toContain('lang="es"');
      expect(page.body.replaceAll('&quot;', '"')).toContain(message);
    });

    it('answers a bad filter of a feed out in English plain text, whatever the reader\'s language', async () => {
      const answer = await get('/feed/rss?theme=robo', { 'accept-language': 'es' });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatch(/^unknown theme "robo"\. Valid themes: /);
    });

    it('stops a text search at its time budget and says so, instead of holding the request', async () => {
      let t = 0;
      const slow = await createWebFixture({ searchBudgetMs: 50, elapsed: () => (t += 40) });
      try {
        const response = await slow.app.request('http://web.test/?q=zzzz-nothing-matches&period=90d');
        const body = await response.text();
        expect(response.status).toBe(200);
        expect(body).toMatch(/La búsqueda de texto se detuvo a los \d+\.\d s/);
      } finally {
        await slow.close();
      }
    }, 120_000);
  });

  describe('article page', () => {
    it('shows what `show` prints: dates in Lima, sources, regions, each theme with score and the terms that fired', async () => {
      const article = web.articles.find((a) => a.title === 'Extorsión número 3 en Lima')!;
      const page = await get(`/article/${article.id}`, { 'accept-language': 'en' });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<h1>Extorsión número 3 en Lima</h1>');
      expect(page.body).toContain('<tr><th>Published</th><td>19 Nov 2026, 02:00 Lima time (date from the feed)</td></tr>');
      expect(page.body).toContain(`<tr><th>Feed</th><td>elcomercio</td></tr>`);
      expect(page.body).toContain('El Comercio (elcomercio)');
      expect(page.body).toContain('<a class="tag region" href="/region/lima">Lima</a>');
      expect(page.body).toContain('(extortion), score 8');
      expect(page.body).toContain('<td>extorsión</td><td>title</td><td>2</td><td>seed.md</td><td>…extortion…</td>');
    });
  });

  describe('hostile feed content', () => {
    it('is escaped on every page and javascript: links are not followed', async () => {
      const hostile = web.articles.find((a) => a.title === HOSTILE_TITLE)!;
      for (const path of ['/', '/?theme=extortion', `/article/${hostile.id}`, '/theme/extortion', '/region/lima', '/feeds']) {
        const page = await get(path);
        expect(page.status, path).toBe(200);
        expect(page.body, path).not.toMatch(/<script>alert|<img src=x|<svg onload|<iframe|<b onmouseover|onclick="alert|href="javascript:/i);
      }
      const article = await get(`/article/${hostile.id}`);
      expect(article.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;Robo en Surco');
      expect(article.body).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;Diario');
      expect(article.body).toContain('<a href="#" rel="noopener noreferrer nofollow">javascript:alert(6)</a>');
      expect(article.headers.get('content-security-policy')).toContain("default-src 'none'");
    });

    it('round-trips through the feeds out as text, never as markup', async () => {
      const parser = new Parser();
      for (const format of ['rss', 'atom']) {
        const feed = await parser.parseString((await get(`/feed/${format}?theme=extortion`)).body);
        expect(feed.items.map((i) => i.title)).toContain(HOSTILE_TITLE);
      }
      const json = JSON.parse((await get('/feed/json?theme=extortion')).body) as { items: { title: string; author?: { name: string } }[] };
      expect(json.items.map((i) => i.title)).toContain(HOSTILE_TITLE);
      expect(json.items.map((i) => i.author?.name)).toContain(HOSTILE_FEED_NAME);
    });
  });

  describe('theme and region pages', () => {
    it('show 12 weekly counts (the current Lima week last) and the period’s top stories by score', async () => {
      const page = await get('/theme/extortion?period=7d');
      expect(page.status).toBe(200);
      const counts = [...page.body.matchAll(/<table class="series-table"><tr>.*?<\/tr><tr>(.*?)<\/tr>/gs)][0]![1]!.match(/<td>(\d+)<\/td>/g)!.map((td) => Number(td.replace(/\D/g, '')));
      expect(counts).toHaveLength(12);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(31); // 30 + the hostile one, all within 12 weeks
      // Mon 16 – Sun 22 Nov 2026 in Lima: extortion days 0–6 (22 to 16 Nov, 02:00) and the hostile one (20 Nov).
      expect(counts[11]).toBe(8);
      expect(counts[10]).toBe(7); // Mon 9 – Sun 15 Nov
      const top = titlesIn(page.body);
      expect(top.length).toBeLessThanOrEqual(10);
      expect(top.length).toBeGreaterThan(0);
      expect(page.body).toContain('<link rel="alternate" type="application/rss+xml"');
      expect(page.body).toContain('href="http://web.test/feed/atom?theme=extortion"');
    });

    it('region pages read the region’s index', async () => {
      const page = await get('/region/pataz?period=90d');
      expect(titlesIn(page.body)).toEqual(['Minería ilegal en Pataz 0', 'Minería ilegal en Pataz 1', 'Minería ilegal en Pataz 2']);
    });
  });

  describe('feed health', () => {
    it('shows each listed feed with its health, HTTP status, failures and error, as `centinela feeds` does', async () => {
      const page = await get('/feeds', { 'accept-language': 'en' });
      expect(page.body).toMatch(/<tr class="health-healthy">\s*<td><a href="\/\?feed=larepublica">La República<\/a>/);
      expect(page.body).toMatch(/<tr class="health-backoff">[\s\S]*?<td>503<\/td><td>2<\/td>/);
      expect(page.body).toContain('fetch: 503 Service Unavailable for feed https://elcomercio.pe/rss &lt;script&gt;');
    });
  });

  describe('feeds out', () => {
    it('serves RSS 2.0, Atom and JSON Feed of a filtered timeline, newest first, with their content types', async () => {
      const rss = await web.app.request('http://web.test/feed/rss?theme=illegal_mining&period=90d');
      expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      const feed = await new Parser().parseString(await rss.text());
      expect(feed.title).toBe('Centinela — Minería ilegal');
      expect(feed.items.map((i) => i.title)).toEqual(['Minería ilegal en Pataz 0', 'Minería ilegal en Pataz 1', 'Minería ilegal en Pataz 2']);
      expect(feed.items[0]!.guid).toMatch(/^http:\/\/web\.test\/article\/[0-9a-f]{32}$/);
      const atom = await web.app.request('http://web.test/feed/atom?region=pataz&period=90d');
      expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expect((await new Parser().parseString(await atom.text())).items).toHaveLength(3);
      const json = await web.app.request('http://web.test/feed/json?region=pataz&period=90d');
      expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
      expect(((await json.json()) as { version: string; items: unknown[] }).items).toHaveLength(3);
    });
  });

  describe('languages', () => {
    it('follows Accept-Language, and the language link sets a cookie that wins over it', async () => {
      expect((await get('/', { 'accept-language': 'en-GB,en;q=0.9,es;q=0.5' })).body).toContain('<html lang="en">');
      expect((await get('/', { 'accept-language': 'fr-FR,es;q=0.8' })).body).toContain('<html lang="es">');
      const switched = await web.app.request('http://web.test/lang/en?back=%2Ftheme%2Fextortion');
      expect(switched.status).toBe(303);
      expect(switched.headers.get('location')).toBe('/theme/extortion');
      expect(switched.headers.get('set-cookie')).toMatch(/^lang=en; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
      expect((await get('/', { cookie: 'lang=en', 'accept-language': 'es' })).body).toContain('<html lang="en">');
    });

    it('never redirects off the site', async () => {
      for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
        const response = await web.app.request(`http://web.test/lang/es?back=${encodeURIComponent(back)}`);
        expect(response.headers.get('location')).toBe('/');
      }
    });
  });
});
