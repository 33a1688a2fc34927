/**
 * How fast DynamoDB Local takes each form of write, in items per second
 * (`npx tsx bench/write-forms.ts [seconds-per-case]`; not a suite: a one-off
 * measurement behind the store's write protocol, docs/load.md).
 *
 * Forms, each with 1,000 fresh items (no key ever taken) per case:
 *  a. BatchWriteItem, 25 plain puts a request;
 *  b. BatchExecuteStatement, 25 PartiQL INSERTs a request;
 *  c. PutItem with `attribute_not_exists(pk)`, one item a request;
 *  d. TransactWriteItems, 25 conditional puts a request;
 *  f. BatchGetItem of 100 absent keys (the poll's first read of new items);
 *  e. (a) again, once DynamoDB Local's JIT has seen every path;
 * at 4, 8 and 16 requests in flight (c, one item a request: 16, 32 and 64),
 * for items of ~500 bytes (an index item) and ~2,000 bytes (an article
 * record). Besides items/s (wall time, which a loaded machine distorts) it
 * prints the CPU time DynamoDB Local's process and this one spent per item
 * (/proc/PID/stat; Linux only), which the load distorts much less.
 * JAVA_TOOL_OPTIONS is passed through to DynamoDB Local as the bench does.
 */
import { randomBytes } from 'node:crypto';
import { BatchExecuteStatementCommand, BatchGetCommand, BatchWriteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { connectStores, localClient } from '../bin/local/local-context.ts';
import { startDynamoDbLocal } from '../bin/local/dynamodb-local.ts';
import { mapLimited } from '../lambdas/concurrency/map-limited.ts';
import { chunk } from '../lambdas/store/batch-put.ts';
import { createTables } from '../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../lambdas/store/schema.ts';
import { insertStatement } from '../lambdas/store/batch-insert.ts';
import { cpuMeter, ownCpuMeter } from './process-cpu.ts';

const ITEMS = Number(process.argv[2] ?? 1000);
let serial = 0;

function item(bytes: number): Record<string, unknown> & { pk: string; sk: string } {
  serial++;
  return {
    pk: `BENCH#${serial % 97}`,
    sk: `2026-11-22T17:00:00.000Z#${serial.toString(16).padStart(32, '0')}`,
    type: 'bench',
    title: 'Policía desarticula banda dedicada a la extorsión en Trujillo',
    blob: randomBytes(Math.max(0, bytes - 160)).toString('base64').slice(0, Math.max(0, bytes - 160)),
    expiresAt: 1_800_000_000,
  };
}

async function main() {
  const db = await startDynamoDbLocal();
  const names = tableNamesWithPrefix('forms');
  const context = await connectStores(localClient(db.endpoint), names);
  const doc = context.doc;
  const table = names.articles;
  type Form = { name: string; perRequest: number; send: (items: ReturnType<typeof item>[]) => Promise<unknown> };
  const forms: Form[] = [
    { name: 'a BatchWriteItem×25', perRequest: 25, send: (items) => doc.send(new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } })) },
    {
      name: 'b BatchExecuteStatement×25 INSERT',
      perRequest: 25,
      send: (items) => doc.send(new BatchExecuteStatementCommand({ Statements: items.map((i) => insertStatement(table, i)) })),
    },
    {
      name: 'c PutItem attribute_not_exists',
      perRequest: 1,
      send: ([Item]) => doc.send(new PutCommand({ TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' })),
    },
    {
      name: 'd TransactWriteItems×25 conditional',
      perRequest: 25,
      send: (items) =>
        doc.send(new TransactWriteCommand({ TransactItems: items.map((Item) => ({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' } })) })),
    },
    {
      name: 'f BatchGetItem×100 absent keys, 4 attributes',
      perRequest: 100,
      send: (items) =>
        doc.send(
          new BatchGetCommand({
            RequestItems: { [table]: { Keys: items.map(({ pk, sk }) => ({ pk: `ABSENT#${pk}`, sk })), ProjectionExpression: 'id, sources, expiresAt, writeId' } },
          }),
        ),
    },
    {
      name: 'e BatchWriteItem×25 plain (again)',
      perRequest: 25,
      send: (items) => doc.send(new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } })),
    },
  ];
  try {
    await createTables(context.client, names);
    // warm-up: let the JIT see every path once
    for (const form of forms) await mapLimited(chunk(Array.from({ length: 200 }, () => item(500)), form.perRequest), 4, form.send);
    console.log(`JAVA_TOOL_OPTIONS=${process.env.JAVA_TOOL_OPTIONS ?? '(default)'}; ${ITEMS} items per case`);
    console.log('form | bytes | in flight | items/s | Local CPU ms/item | Node CPU ms/item');
    for (const bytes of [500, 2000]) {
      for (const form of forms) {
        for (const flight of form.perRequest === 1 ? [16, 32, 64] : [4, 8, 16]) {
          const items = Array.from({ length: ITEMS }, () => item(bytes));
          const javaCpu = cpuMeter(db.pid)!;
          const nodeCpu = ownCpuMeter();
          const started = performance.now();
          await mapLimited(chunk(items, form.perRequest), flight, form.send);
          const perS = Math.round(ITEMS / ((performance.now() - started) / 1000));
          const nodePerItem = nodeCpu() / ITEMS;
          const javaPerItem = javaCpu() / ITEMS;
          console.log(`${form.name} | ${bytes} | ${flight} | ${perS} | ${javaPerItem.toFixed(3)} | ${nodePerItem.toFixed(3)}`);
        }
      }
    }
  } finally {
    context.client.destroy();
    await db.stop();
  }
}

await main();
