/**
 * The digest HTML in a real browser engine (Chromium, driven by
 * playwright-core) at a desktop mail pane's width and a phone's. Chromium is
 * found on PATH or through CHROME_PATH (tests/support/optional-inputs.ts);
 * without it these tests show up as NOT RUN with the command that installs it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { chromiumInput, describeWith } from '../support/optional-inputs.ts';
import { launchMailBrowser, overflowReport, topStoriesBottom, type MailBrowser } from './mail-page.ts';
import { sampleDigest } from './sample-digest.ts';

const ARTIFACTS = path.resolve('test-artifacts');

describeWith(chromiumInput, 'the digest HTML in headless Chromium', (chromiumPath) => {
  let browser: MailBrowser;
  let html: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    html = (await composeDigestMail({
      digest: sampleDigest({ perTheme: 12, hostile: true }),
      to: 'ana@example.pe',
      from: 'digest@centinela.test',
      now: new Date('2026-11-21T12:00:00.000Z'),
      unsubscribe: { baseUrl: 'http://127.0.0.1:8787/unsubscribe', signingKey: 'browser-test-key-0123456789' },
      moreCommand: (theme) => `centinela digest --subscriber ana@example.pe --period daily --since 2026-11-20 --theme ${theme} --all`,
    })).html;
    browser = await launchMailBrowser(chromiumPath);
  });
  afterAll(() => browser?.close());

  for (const width of [600, 375]) {
    it(`fits ${width} px with no overflowing text, the top stories above the fold, the chart with numbers and every theme section`, async () => {
      const page = await browser.open(html, width);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => void dialogs.push(dialog.message()));

      const overflow = await overflowReport(page);
      expect(overflow.wide).toEqual([]);
      expect(overflow.overflowingText).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.limit);

      await expect(page.locator('[data-top-story]').count()).resolves.toBeGreaterThanOrEqual(3);
      expect(await topStoriesBottom(page)).toBeLessThanOrEqual(700);

      await expect(page.locator('[data-chart]').isVisible()).resolves.toBe(true);
      await expect(page.locator('[data-chart] td[data-bar]').count()).resolves.toBe(3 * 14);
      // Every bar with stories carries its number as text a mail client shows (no title= tooltips).
      const labelled = await page.locator('[data-chart] td[data-bar]').evaluateAll((tds) =>
        tds.map((td) => [td.getAttribute('data-bar')!.split(':')[1], td.textContent!.replace(/\u00a0/g, '').trim()]));
      for (const [n, shown] of labelled) expect(shown).toBe(n === '0' ? '' : n);
      for (const theme of ['extortion', 'illegal_mining', 'prisons']) {
        await expect(page.locator(`[data-theme="${theme}"]`).isVisible()).resolves.toBe(true);
      }

      await page.screenshot({ path: path.join(ARTIFACTS, `digest-${width}px.png`), fullPage: true });
      expect(dialogs).toEqual([]);
      await page.close();
    });
  }
});
