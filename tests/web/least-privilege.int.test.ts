/**
 * The web function's IAM actions equal, table by table, the DynamoDB actions
 * its routes actually send (recorded on the wire on DynamoDB Local), as the
 * poller's do in tests/faults/security.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { actionsOf, refsIn, statementsOf, synthStack } from '../lib/stack-fixture.ts';
import { recordCommands } from '../support/record-commands.ts';
import { createWebFixture } from './web-fixture.ts';

const ROUTES = ['/', '/?q=dragas&period=90d', '/?country=PE&feed=larepublica', '/article/ARTICLE', '/theme/extortion', '/region/lima', '/feeds', '/feed/rss?region=pataz', '/feed/json?q=lima'];

describe('least privilege of the web function', () => {
  it('grants exactly the DynamoDB actions the routes send, on the articles and feeds tables only', async () => {
    const web = await createWebFixture();
    const recorder = recordCommands(web.context.client);
    try {
      for (const route of ROUTES) {
        const response = await web.app.request(`http://web.test${route.replace('ARTICLE', web.articles[0]!.id)}`);
        expect(response.status, route).toBe(200);
      }
    } finally {
      recorder.stop();
      await web.close();
    }
    const used = { Articles: new Set<string>(), Feeds: new Set<string>() };
    for (const { operation, tableName } of recorder.commands) {
      const kind = tableName === web.context.tableNames.articles ? 'Articles' : tableName === web.context.tableNames.feeds ? 'Feeds' : undefined;
      expect(kind, `${operation} on ${tableName}`).toBeDefined();
      used[kind!].add(`dynamodb:${operation}`);
    }

    const { template } = synthStack();
    const statements = statementsOf(template, 'web');
    for (const kind of ['Articles', 'Feeds'] as const) {
      const table = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable')).find((id) => id.startsWith(`Storage${kind}Table`))!;
      expect(actionsOf(statements.filter((s) => refsIn(s.Resource).includes(table))), kind).toEqual([...used[kind]].sort());
    }
  }, 240_000);
});
