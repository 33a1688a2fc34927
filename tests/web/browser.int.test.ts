/**
 * The demo's web app in a real browser (Debian's Chromium through
 * playwright-core, scripts off: the app needs none): filter the timeline by
 * theme and region, open an article and read why it was tagged, follow the
 * theme's feed link and parse the feed with rss-parser. Screenshots go to
 * test-artifacts/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import Parser from 'rss-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../bin/local/demo-server.ts';
import { chromiumInput, describeWith } from '../support/optional-inputs.ts';

const ARTIFACTS = path.resolve('test-artifacts');

describeWith(chromiumInput, 'the demo web app in headless Chromium', (chromiumPath) => {
  let demo: DemoServer;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  let dataDir: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-web-demo-'));
    demo = await startDemoServer({ dataDir, port: 0, feedsPort: 0 });
    profile = await mkdtemp(path.join(tmpdir(), 'centinela-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      javaScriptEnabled: false,
      locale: 'es-PE',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await rm(profile, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('polled the sample feeds into the data folder', () => {
    expect(demo.reports.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(demo.reports.reduce((n, r) => n + r.itemsNew, 0)).toBeGreaterThan(20);
  });

  it('filters the timeline by theme and region', async () => {
    await page.goto(demo.webUrl);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    const all = await page.locator('li.article').count();
    expect(all).toBeGreaterThan(10);
    await page.selectOption('#filter-theme', 'extortion');
    await page.selectOption('#filter-region', 'lambayeque');
    await Promise.all([page.waitForURL(/theme=extortion/), page.click('#filter-submit')]);
    expect(new URL(page.url()).searchParams.get('region')).toBe('lambayeque');
    const items = page.locator('li.article');
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    for (let i = 0; i < count; i++) {
      await expect(items.nth(i).locator('a.tag.theme', { hasText: 'Extorsión' }).count()).resolves.toBe(1);
      await expect(items.nth(i).locator('a.tag.region[href="/region/lambayeque"]').count()).resolves.toBe(1);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-timeline-extortion-lambayeque.png'), fullPage: true });
  });

  it('opens an article and shows why it was tagged', async () => {
    const first = page.locator('li.article a.title').first();
    const title = await first.textContent();
    await Promise.all([page.waitForURL(/\/article\/[0-9a-f]{32}$/), first.click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe(title);
    await expect(page.locator('h2#why').textContent()).resolves.toBe('Por qué se etiquetó');
    const explanation = page.locator('section.explanation', { hasText: '(extortion)' });
    await expect(explanation.locator('h3').textContent()).resolves.toMatch(/^Extorsión \(extortion\), puntaje \d/);
    expect(await explanation.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect(page.locator('table.facts').textContent()).resolves.toContain('hora de Lima');
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-article.png'), fullPage: true });
  });

  it('follows the theme page’s RSS link and reads the feed with rss-parser', async () => {
    await Promise.all([page.waitForURL(/\/theme\/extortion$/), page.locator('section.explanation h3 a[href="/theme/extortion"]').click()]);
    expect(await page.locator('svg.series rect').count()).toBe(12);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-theme-extortion.png'), fullPage: true });
    const href = await page.locator('a.feed-rss').getAttribute('href');
    const alternate = await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href');
    expect(alternate).toBe(href);
    const response = await page.request.get(href!);
    expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
    const feed = await new Parser().parseString(await response.text());
    expect(feed.title).toBe('Centinela — Extorsión');
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items.every((item) => item.categories?.includes('extortion'))).toBe(true);
  });

  it('switches to English with the language link', async () => {
    await Promise.all([page.waitForURL(/\/theme\/extortion$/), page.click('a[hreflang="en"]')]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Extortion');
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-theme-extortion-en.png'), fullPage: true });
  });
});
