/**
 * Where DynamoDB Local's CPU goes per kind of write the store sends
 * (`npx tsx bench/local-op-costs.ts [items-per-case]`; not a suite: a one-off
 * measurement behind the write protocol's choices, docs/load.md).
 *
 * Items are the store's own: article records (articleItem + writeId, text
 * that packs like real news) and their index items. After a warm-up that
 * sends every form 3 × the measured count (so Local's JIT has compiled each
 * path), each case writes fresh keys and prints Local's CPU (bench/process-cpu.ts)
 * and this process's, per item and per request. Cases run one after another,
 * twice, so a burst of load from elsewhere shows as disagreement.
 */
import { BatchExecuteStatementCommand, BatchWriteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { connectStores, localClient } from '../bin/local/local-context.ts';
import { mapLimited } from '../lambdas/concurrency/map-limited.ts';
import { chunk } from '../lambdas/store/batch-put.ts';
import { articleItem, indexItems, type Item } from '../lambdas/store/article-items.ts';
import { insertStatement } from '../lambdas/store/batch-insert.ts';
import { createTables } from '../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../lambdas/store/schema.ts';
import type { Article } from '../lambdas/model/article.ts';
import { startBenchDatabase } from './bench-database.ts';
import { cpuMeter, ownCpuMeter } from './process-cpu.ts';
import { seededRandom } from './suite.ts';
import { syntheticArticle } from './synthetic-article.ts';

const ITEMS = Number(process.argv[2] ?? 1000);
const NOW = Date.parse('2026-11-22T17:00:00.000Z');
const next = seededRandom(7);
let serial = 0;
const article = (): Article => syntheticArticle(++serial, next, NOW);
const record = (): Item => ({ ...articleItem(article(), 400), writeId: '2b0f6c1e-4d7a-4d3e-9b1a-1f0e2d3c4b5a' });
const index = (): Item => indexItems(article(), 400)[0]!;
const tiny = (): Item => ({ pk: `TINY#${++serial}`, sk: 'X', expiresAt: 1_800_000_000 });

async function main() {
  const db = await startBenchDatabase();
  const names = tableNamesWithPrefix('opcost');
  const context = await connectStores(localClient(db.endpoint), names);
  const doc = context.doc;
  const table = names.articles;
  const now = Math.floor(Date.now() / 1000);
  type Case = { name: string; make: () => Item; perRequest: number; inFlight: number; send: (items: Item[]) => Promise<unknown> };
  const batchWrite = (items: Item[]) => doc.send(new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } }));
  const insert = (items: Item[]) => doc.send(new BatchExecuteStatementCommand({ Statements: items.map((i) => insertStatement(table, i)) }));
  const conditionalPut = ([Item]: Item[]) =>
    doc.send(
      new PutCommand({
        TableName: table,
        Item,
        ConditionExpression: 'attribute_not_exists(pk) OR #e <= :now',
        ExpressionAttributeNames: { '#e': 'expiresAt' },
        ExpressionAttributeValues: { ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  const transact = (items: Item[]) =>
    doc.send(new TransactWriteCommand({ TransactItems: items.map((Item) => ({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' } })) }));
  const batchWriteCounted = (items: Item[]) =>
    doc.send(new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) }, ReturnConsumedCapacity: 'TOTAL' }));
  const cases: Case[] = [
    { name: 'article record, BatchExecuteStatement ×25 INSERT', make: record, perRequest: 25, inFlight: 4, send: insert },
    { name: 'article record, BatchExecuteStatement ×5 INSERT', make: record, perRequest: 5, inFlight: 4, send: insert },
    { name: 'article record, conditional PutItem', make: record, perRequest: 1, inFlight: 16, send: conditionalPut },
    { name: 'article record, TransactWriteItems ×25 conditional', make: record, perRequest: 25, inFlight: 4, send: transact },
    { name: 'article record, BatchWriteItem ×25 (no condition)', make: record, perRequest: 25, inFlight: 4, send: batchWrite },
    { name: 'index item, BatchWriteItem ×25', make: index, perRequest: 25, inFlight: 4, send: batchWrite },
    { name: 'index item, BatchWriteItem ×25, ReturnConsumedCapacity TOTAL', make: index, perRequest: 25, inFlight: 4, send: batchWriteCounted },
    { name: 'index item, BatchWriteItem ×5', make: index, perRequest: 5, inFlight: 4, send: batchWrite },
    { name: 'index item, BatchExecuteStatement ×25 INSERT', make: index, perRequest: 25, inFlight: 4, send: insert },
    { name: 'tiny item (3 attributes), BatchWriteItem ×25', make: tiny, perRequest: 25, inFlight: 4, send: batchWrite },
    { name: 'tiny item (3 attributes), BatchExecuteStatement ×25 INSERT', make: tiny, perRequest: 25, inFlight: 4, send: insert },
    { name: 'tiny item (3 attributes), conditional PutItem', make: tiny, perRequest: 1, inFlight: 16, send: conditionalPut },
  ];
  const only = process.env.CASES ? new Set(process.env.CASES.split(',').map(Number)) : undefined;
  const chosen = cases.filter((_, i) => !only || only.has(i));
  try {
    await createTables(context.client, names);
    for (const c of chosen) await mapLimited(chunk(Array.from({ length: 3 * ITEMS }, c.make), c.perRequest), c.inFlight, c.send);
    console.log(`${ITEMS} items per case; DynamoDB Local as the store bench runs it (bench/bench-database.ts${db.cold ? ', cold' : ''})`);
    console.log('case | items/s | Local CPU ms/item | Local CPU ms/request | Node CPU ms/item');
    for (let round = 1; round <= 2; round++) {
      for (const c of chosen) {
        const items = Array.from({ length: ITEMS }, c.make);
        const requests = chunk(items, c.perRequest);
        const localCpu = cpuMeter(db.pid)!;
        const nodeCpu = ownCpuMeter();
        const started = performance.now();
        await mapLimited(requests, c.inFlight, c.send);
        const perS = Math.round(ITEMS / ((performance.now() - started) / 1000));
        const node = nodeCpu();
        const local = localCpu();
        console.log(`${c.name} | ${perS} | ${(local / ITEMS).toFixed(3)} | ${(local / requests.length).toFixed(2)} | ${(node / ITEMS).toFixed(3)}`);
      }
    }
  } finally {
    context.client.destroy();
    await db.stop();
  }
}

await main();
