import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, runDemoPipeline, type DemoResult } from '../../bin/local/demo-pipeline.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { createTestStores } from '../support/dynamodb.ts';
import expectedThemes from './demo-expected-themes.json' with { type: 'json' };

const expected = JSON.parse(await readFile(path.join(DEMO_DIR, 'expected.json'), 'utf8')) as {
  items: number;
  untagged_titles: string[];
  same_url_with_tracking: string;
};
const { _comment, ...coreThemesByTitle } = expectedThemes as Record<string, string | string[]>;

/** Every article in the table, read back through the day index (a Query per day, as users would). */
async function storedArticles(context: StoreContext): Promise<Article[]> {
  const articles: Article[] = [];
  for (let day = 1; day <= 22; day++) {
    const { Items = [] } = await context.doc.send(
      new QueryCommand({
        TableName: context.tableNames.articles,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `DAY#2026-11-${String(day).padStart(2, '0')}` },
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

  beforeAll(async () => {
    context = await createTestStores();
    outbox = await mkdtemp(path.join(tmpdir(), 'centinela-outbox-'));
    first = await runDemoPipeline(context, { outboxDir: outbox, lang: 'en' });
  });
  afterAll(() => context.close());

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

  it('writes a digest whose HTML lists the tagged articles grouped by theme', async () => {
    const html = await readFile(first.files.find((f) => f.endsWith('.html'))!, 'utf8');
    const eml = await readFile(first.files.find((f) => f.endsWith('.eml'))!, 'utf8');
    expect(first.digest.sections.map((s) => s.theme)).toEqual(
      expect.arrayContaining(['extortion', 'illegal_mining', 'prisons', 'coca']),
    );
    for (const section of first.digest.sections) {
      expect(html).toContain(`data-theme="${section.theme}"`);
      for (const story of section.stories) expect(html).toContain(story.lead.url);
    }
    expect(html).not.toContain('Coca-Cola inaugura');
    expect(eml).toMatch(/^Content-Type: multipart\/alternative/m);
  });

  it('stores nothing twice when run again', async () => {
    const again = await runDemoPipeline(context, { outboxDir: outbox, lang: 'es' });
    expect(again.reports.reduce((n, r) => n + r.itemsNew, 0)).toBe(0);
    expect(await storedArticles(context)).toHaveLength(Object.keys(coreThemesByTitle).length);
  });
});
