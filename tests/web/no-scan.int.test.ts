/**
 * The web app reads with Query and GetItem only — no Scan, and no
 * BatchGetItem either, since the web function's role grants just those two
 * (lib/web.ts) — recorded on the wire for every route and filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCommands, type CommandRecorder } from '../support/record-commands.ts';
import { createWebFixture, type WebFixture } from './web-fixture.ts';

describe('web routes never Scan', () => {
  let web: WebFixture;
  let recorder: CommandRecorder;
  beforeAll(async () => {
    web = await createWebFixture();
    recorder = recordCommands(web.context.client);
  });
  afterAll(() => {
    recorder.stop();
    return web.close();
  });

  it.each([
    '/',
    '/?theme=extortion',
    '/?region=lima&period=90d',
    '/?feed=elcomercio&page=2&limit=5',
    '/?country=PE',
    '/?q=dragas&period=90d',
    '/?theme=extortion&region=lima&feed=larepublica&q=lima&page=2&limit=3',
    '/article/ARTICLE',
    '/theme/extortion',
    '/region/pataz?period=90d',
    '/feeds',
    '/feed/rss?theme=extortion',
    '/feed/atom?region=lima',
    '/feed/json?q=pataz&period=90d',
  ])('%s reads with Query and GetItem only', async (route) => {
    recorder.clear();
    const path = route.replace('ARTICLE', web.articles[0]!.id);
    const response = await web.app.request(`http://web.test${path}`);
    expect(response.status).toBe(200);
    const operations = recorder.operations();
    expect(operations.length).toBeGreaterThan(0);
    expect(operations).not.toContain('Scan');
    for (const operation of operations) expect(['Query', 'GetItem']).toContain(operation);
    const tables = new Set(recorder.commands.map((c) => c.tableName));
    for (const table of tables) expect([web.context.tableNames.articles, web.context.tableNames.feeds]).toContain(table);
  });
});
