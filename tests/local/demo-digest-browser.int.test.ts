/**
 * The demo's daily digest as a reader sees it, in Chromium at a desktop mail
 * pane's width and a phone's; the screenshots are kept in test-artifacts/.
 */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDemoPipeline, type DemoResult } from '../../bin/local/demo-pipeline.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { launchMailBrowser, overflowReport, topStoriesBottom, type MailBrowser } from '../digest/mail-page.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { chromiumInput, describeWith } from '../support/optional-inputs.ts';

const ARTIFACTS = path.resolve('test-artifacts');

describeWith(chromiumInput, 'the demo digest in headless Chromium', (chromiumPath) => {
  let context: StoreContext;
  let browser: MailBrowser;
  let demo: DemoResult;
  let html: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    context = await createTestStores();
    demo = await runDemoPipeline(context, {
      outboxDir: await mkdtemp(path.join(tmpdir(), 'centinela-demo-shot-')),
      lang: 'es',
      unsubscribe: { baseUrl: 'http://127.0.0.1:8787/unsubscribe', signingKey: 'demo-shot-key-0123456789' },
    });
    html = await readFile(demo.files.find((f) => f.endsWith('.html'))!, 'utf8');
    browser = await launchMailBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await context?.close();
  });

  for (const width of [600, 375]) {
    it(`shows the top stories in the first 700 px at ${width} px, with no text overflowing`, async () => {
      const page = await browser.open(html, width);
      const overflow = await overflowReport(page);
      expect(overflow.wide).toEqual([]);
      expect(overflow.overflowingText).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.limit);
      await expect(page.locator('[data-top-story]').count()).resolves.toBe(demo.digest.top.length);
      expect(demo.digest.top.length).toBeGreaterThanOrEqual(3);
      expect(await topStoriesBottom(page)).toBeLessThanOrEqual(700);
      await expect(page.locator('[data-footer] a').textContent()).resolves.toBe('Darse de baja');
      // "a. m." never wraps away from its time.
      const times = await page.locator('[data-story] span').allTextContents();
      expect(times.join(' ')).toMatch(/\d\d:\d\d\u00a0[ap]\.\u00a0m\. \(hora de Lima\)/);
      await page.screenshot({ path: path.join(ARTIFACTS, `demo-digest-${width}px.png`), fullPage: true });
      await page.close();
    });
  }
});
