import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, runDemoPipeline, type DemoResult } from '../../bin/local/demo-pipeline.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { addDays } from '../../lambdas/model/lima-time.ts';
import { serveUnsubscribe, type UnsubscribeServer } from '../../bin/local/unsubscribe-server.ts';
import { HTML_BUDGET_BYTES } from '../../lambdas/digest/digest-mail.ts';
import { hasControlCharacters } from '../../lambdas/digest/clean-text.ts';
import { encodedHtmlBytes } from '../../lambdas/mail/mime-size.ts';
import { createTestStores } from '../support/dynamodb.ts';
import expectedThemes from './demo-expected-themes.json' with { type: 'json' };

const expected = JSON.parse(await readFile(path.join(DEMO_DIR, 'expected.json'), 'utf8')) as {
  items: number;
  untagged_titles: string[];
  same_url_with_tracking: string;
  daily_digest: { day: string; same_story_pairs: [string, string][] };
};
const { _comment, ...coreThemesByTitle } = expectedThemes as Record<string, string | string[]>;

/** Every article in the table, read back through the day index (a Query per day, as users would). */
async function storedArticles(context: StoreContext): Promise<Article[]> {
  const articles: Article[] = [];
  // The sample news spans late October (the spike baseline and the earlier period) to 21 November.
  for (let day = '2026-10-20'; day <= '2026-11-22'; day = addDays(day, 1)) {
    const { Items = [] } = await context.doc.send(
      new QueryCommand({
        TableName: context.tableNames.articles,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `DAY#${day}` },
      }),
    );
    for (const listing of Items) articles.push((await context.articles.getArticle(String(listing.articleId)))!);
  }
  return articles;
}

describe('the demo pipeline on DynamoDB Local', () => {
  let context: StoreContext;
  let first: DemoResult;
  let outbox: string;
  let unsubscribe: UnsubscribeServer;
  const signingKey = 'demo-test-signing-key-0123456789';

  beforeAll(async () => {
    context = await createTestStores();
    outbox = await mkdtemp(path.join(tmpdir(), 'centinela-outbox-'));
    unsubscribe = await serveUnsubscribe({ subscribers: context.subscribers, signingKey, port: 0 });
    first = await runDemoPipeline(context, { outboxDir: outbox, lang: 'en', unsubscribe: { baseUrl: unsubscribe.url, signingKey } });
  });
  afterAll(async () => {
    await unsubscribe?.close();
    await context.close();
  });

  it('polls every sample feed and sees every item', () => {
    expect(first.reports.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(first.reports.reduce((n, r) => n + r.itemsSeen, 0)).toBe(expected.items);
  });

  it('stores each article once, merging the copy that only differs by tracking parameters', async () => {
    const articles = await storedArticles(context);
    expect(articles.map((a) => a.title).sort()).toEqual(Object.keys(coreThemesByTitle).sort());
    const reprinted = articles.find((a) => a.canonicalUrl === expected.same_url_with_tracking)!;
    expect(reprinted.sources.map((s) => s.feedId).sort()).toEqual(['diario-del-sur', 'el-vigia']);
  });

  it('tags each article with the themes a reader expects, and leaves the off-topic ones untagged', async () => {
    for (const article of await storedArticles(context)) {
      const themes = article.themes.map((t) => t.theme);
      if (expected.untagged_titles.includes(article.title)) {
        expect({ title: article.title, themes }).toEqual({ title: article.title, themes: [] });
      } else {
        expect({ title: article.title, themes }).toEqual({
          title: article.title,
          themes: expect.arrayContaining(coreThemesByTitle[article.title] as string[]),
        });
        expect(themes.length, `${article.title} should carry a theme`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps accents from the ISO-8859-1 feed intact', async () => {
    const titles = (await storedArticles(context)).map((a) => a.title);
    expect(titles).toContain('Madre de Dios: operativo destruye 40 dragas de minería ilegal en el río Malinowski');
    expect(titles.join('')).not.toMatch(/Ã|�/);
  });

  it('writes the daily digest of 21 Nov for the demo subscriber, each story once, grouped by theme', async () => {
    const html = await readFile(first.files.find((f) => f.endsWith('.html'))!, 'utf8');
    const eml = await readFile(first.files.find((f) => f.endsWith('.eml'))!);
    expect(first.digest.period.key).toBe(`daily:${expected.daily_digest.day}`);
    expect(await context.subscribers.get('demo@centinela.invalid')).toMatchObject({ cadence: 'daily', status: 'active' });
    expect(first.digest.sections.map((s) => s.theme)).toEqual(expect.arrayContaining(['extortion', 'illegal_mining', 'prisons']));
    const leads = first.digest.sections.flatMap((s) => s.stories.map((story) => story.lead.articleId));
    expect(new Set(leads).size).toBe(leads.length);
    expect(leads).toHaveLength(first.digest.totalStories);
    for (const section of first.digest.sections) {
      expect(html).toContain(`data-theme="${section.theme}"`);
      for (const story of section.stories) expect(html).toContain(story.lead.url);
    }
    expect(html).not.toContain('Coca-Cola inaugura');
    expect(eml.toString('latin1')).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(encodedHtmlBytes(eml)).toBe(first.encodedHtmlBytes);
    expect(first.encodedHtmlBytes).toBeLessThanOrEqual(HTML_BUDGET_BYTES);
    expect(hasControlCharacters(eml.toString('utf8'))).toBe(false);
  });

  it('compares with the day before for real, and folds each story told by two outlets into one entry', () => {
    const { digest } = first;
    expect(digest.previousTotal).toBeGreaterThan(0);
    expect(digest.counts.some((c) => c.previous > 0)).toBe(true);
    expect(digest.counts.some((c) => c.count !== c.previous)).toBe(true);
    const stories = digest.sections.flatMap((s) => s.stories);
    for (const pair of expected.daily_digest.same_story_pairs) {
      const told = stories.filter((s) => pair.includes(s.lead.title) || s.alsoIn.length > 0 && pair.includes(s.lead.title));
      expect(told, pair[0]).toHaveLength(1);
      expect(told[0]!.outlets).toBe(2);
    }
    // Top stories: the two stories told by two outlets come first.
    expect(digest.top.slice(0, 2).map((s) => s.outlets)).toEqual([2, 2]);
  });

  it('serves a working unsubscribe link: POSTing the link from the digest unsubscribes the demo subscriber', async () => {
    expect(first.unsubscribeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=/);
    const html = await readFile(first.files.find((f) => f.endsWith('.html'))!, 'utf8');
    expect(html).toContain(`href="${first.unsubscribeUrl!.replace(/&/g, '&amp;')}"`);
    const response = await fetch(first.unsubscribeUrl!, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    expect(await context.subscribers.get('demo@centinela.invalid')).toMatchObject({ status: 'unsubscribed' });
  });

  it('stores nothing twice when run again', async () => {
    const again = await runDemoPipeline(context, { outboxDir: outbox, lang: 'es' });
    expect(again.reports.reduce((n, r) => n + r.itemsNew, 0)).toBe(0);
    expect(await storedArticles(context)).toHaveLength(Object.keys(coreThemesByTitle).length);
  });
});
