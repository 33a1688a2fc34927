/**
 * The digest HTML in a real browser engine (Chromium, driven by
 * playwright-core) at a desktop mail pane's width and a phone's. Chromium is
 * found on PATH or through CHROME_PATH (tests/support/optional-inputs.ts);
 * without it these tests show up as NOT RUN with the command that installs it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { chromiumInput, describeWith } from '../support/optional-inputs.ts';
import { sampleDigest } from './sample-digest.ts';

const ARTIFACTS = path.resolve('test-artifacts');

describeWith(chromiumInput, 'the digest HTML in headless Chromium', (chromiumPath) => {
  let browser: BrowserContext;
  let profile: string;
  const html = composeDigestMail({
    digest: sampleDigest({ perTheme: 12, hostile: true }),
    to: 'ana@example.pe',
    from: 'digest@centinela.test',
    now: new Date('2026-11-21T12:00:00.000Z'),
    unsubscribe: { baseUrl: 'http://127.0.0.1:8787/unsubscribe', signingKey: 'browser-test-key-0123456789' },
    moreCommand: (theme) => `centinela digest --subscriber ana@example.pe --period daily --since 2026-11-20 --theme ${theme} --all`,
  }).html;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    profile = await mkdtemp(path.join(tmpdir(), 'centinela-chromium-'));
    // A fresh profile each run (playwright passes it to Chromium as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      javaScriptEnabled: false, // mail clients run no scripts
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
  });

  for (const width of [600, 375]) {
    it(`fits ${width} px without horizontal overflow and shows the chart and every theme section`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => void dialogs.push(dialog.message()));
      await page.route('**/*', (route) => route.abort()); // a mail client loads nothing remote
      await page.setContent(html, { waitUntil: 'load' });

      const overflow = await page.evaluate(`(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > limit + 0.5);
        return { scrollWidth: document.documentElement.scrollWidth, limit, wide: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120)) };
      })()`) as { scrollWidth: number; limit: number; wide: string[] };
      expect(overflow.wide).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.limit);

      await expect(page.locator('[data-chart]').isVisible()).resolves.toBe(true);
      const bars = await page.locator('[data-chart] td[title]').count();
      expect(bars).toBe(3 * 14);
      for (const theme of ['extortion', 'illegal_mining', 'prisons']) {
        await expect(page.locator(`[data-theme="${theme}"]`).isVisible()).resolves.toBe(true);
      }
      const chartBox = await page.locator('[data-chart]').boundingBox();
      expect(chartBox!.height).toBeGreaterThan(60);

      await page.screenshot({ path: path.join(ARTIFACTS, `digest-${width}px.png`), fullPage: true });
      expect(dialogs).toEqual([]);
      await page.close();
    });
  }
});
