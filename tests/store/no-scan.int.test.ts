/**
 * Every read users and digests make is a Query or a key lookup: recorded on
 * the wire while the whole demo (poll, store, digest) and every query, show
 * and export path run against one table set.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArticles } from '../../bin/cli/export.ts';
import { listingQueryFrom, runQuery, type FilterOptions } from '../../bin/cli/query.ts';
import { findArticle } from '../../bin/cli/show.ts';
import { DEMO_NOW, runDemoPipeline } from '../../bin/local/demo-pipeline.ts';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands, type CommandRecorder } from '../support/record-commands.ts';

const READS = new Set(['Query', 'GetItem', 'BatchGetItem']);

describe('reads never Scan', () => {
  let context: StoreContext;
  let recorder: CommandRecorder;
  beforeAll(async () => {
    context = await createTestStores();
    recorder = recordCommands(context.client);
  });
  afterAll(() => {
    recorder.stop();
    return context.close();
  });

  const articleReads = () =>
    recorder.commands
      .filter((c) => c.tableName === context.tableNames.articles || c.operation === 'BatchGetItem')
      .map((c) => c.operation)
      .filter((op) => !['TransactWriteItems', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'BatchExecuteStatement'].includes(op)); // writes (the store's pending-write protocol deletes its marker; articles are batched INSERTs)

  it('the demo pipeline (poll, store, digest) reads articles with Queries and key lookups only', async () => {
    const outbox = await mkdtemp(path.join(tmpdir(), 'centinela-noscan-'));
    await runDemoPipeline(context, { outboxDir: outbox, lang: 'es' });
    expect(recorder.operations()).not.toContain('Scan');
    expect(recorder.operations()).toContain('Query'); // the digest's listings were seen
    expect(new Set(articleReads()).size).toBeGreaterThan(0);
    for (const op of articleReads()) expect(READS).toContain(op);
  });

  it.each<Partial<FilterOptions>>([
    {},
    { theme: 'extortion' },
    { region: 'lima' },
    { feed: 'larepublica' },
    { feed: 'larepublica', theme: 'prisons', region: 'lima' },
    { text: 'penal' },
  ])('query %j issues no Scan', async (options) => {
    recorder.clear();
    const query = listingQueryFrom({ since: '30d', ...options }, new Date(DEMO_NOW), (message) => {
      throw new Error(message);
    });
    await runQuery(context, query);
    await exportArticles(context, query);
    expect(recorder.operations().length).toBeGreaterThan(0);
    for (const op of recorder.operations()) expect(READS).toContain(op);
  });

  it('show issues one GetItem', async () => {
    recorder.clear();
    await findArticle(context, '0'.repeat(32)).catch(() => undefined);
    expect(recorder.operations()).toEqual(['GetItem']);
  });
});
