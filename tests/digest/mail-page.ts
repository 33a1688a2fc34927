/**
 * A digest opened the way a mail client shows it: Debian's Chromium through
 * playwright-core, no scripts, nothing remote, a fresh profile per run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface MailBrowser {
  open(html: string, width: number): Promise<Page>;
  close(): Promise<void>;
}

export async function launchMailBrowser(executablePath: string): Promise<MailBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'centinela-chromium-'));
  const browser: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    javaScriptEnabled: false, // mail clients run no scripts
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    async open(html, width) {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.route('**/*', (route) => route.abort()); // a mail client loads nothing remote
      await page.setContent(html, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Everything that sticks out: elements past the viewport's right edge, and
 * text whose laid-out lines are wider than the box that holds them (a word
 * that does not wrap, a "a. m." pushed out).
 */
export async function overflowReport(page: Page): Promise<{ scrollWidth: number; limit: number; wide: string[]; overflowingText: string[] }> {
  return (await page.evaluate(`(() => {
    const limit = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > limit + 0.5);
    const overflowingText = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const box = node.parentElement.closest('td, p, h1, h2, div') ?? node.parentElement;
      const outer = box.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && (rect.right > outer.right + 0.5 || rect.left < outer.left - 0.5 || rect.right > limit + 0.5)) {
          overflowingText.push(node.textContent.trim().slice(0, 60));
          break;
        }
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, limit, wide: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120)), overflowingText: overflowingText.slice(0, 5) };
  })()`)) as { scrollWidth: number; limit: number; wide: string[]; overflowingText: string[] };
}

/** The bottom edge (CSS px from the top of the page) of the last top story. */
export async function topStoriesBottom(page: Page): Promise<number> {
  return (await page.evaluate(`Math.max(...[...document.querySelectorAll('[data-top-story]')].map((el) => el.getBoundingClientRect().bottom + document.documentElement.scrollTop))`)) as number;
}
