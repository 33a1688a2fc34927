/**
 * The store stage on DynamoDB Local:
 *  1. store.articles_per_s — fresh articles stored as a poll stores them:
 *     putArticles of one feed's worth (50) at a time, 4 feeds in flight (the
 *     article and its theme, region, day and feed index items, the write
 *     protocol of docs/data.md), asking for no capacity figures, as a poll;
 *     store.wcu_per_article — the write capacity DynamoDB Local reports for the
 *     same articles stored again, untimed, into tables of their own, per
 *     article (ReturnConsumedCapacity TOTAL, which costs Local ~45% more CPU per
 *     batch-written item, so it stays out of the timed run). For plain puts, batch
 *     writes, deletes and updates it is what AWS bills (1 WCU per KB per item);
 *     for BatchExecuteStatement (the articles' conditional inserts) Local reports
 *     nothing, so each inserted item's size is counted as AWS bills it
 *     (bench/item-size.ts); Local under-reports transactions, which AWS bills at
 *     2 WCU per KB per item (only merges use one; none here). The articles'
 *     text is varied and as long as real feed text (bench/news-text.ts), so
 *     their compressed record is as large as a real one (~1.7 KB: 2 WCU);
 *     none has a story key, whose lookup item would add 1 WCU;
 *     store.node_cpu_ms_per_article / store.local_cpu_ms_per_article — CPU
 *     time this process and DynamoDB Local's Java process spent per article
 *     while storing them (bench/process-cpu.ts; Linux only for Local's). On a
 *     machine of C cores shared by both, the pace cannot pass
 *     C × 1,000 / (their sum) articles/s, whatever the wall time says;
 *     store.local_jit_cpu_ms — of Local's CPU in that run, what its JIT compiler
 *     threads used (a few percent on a warm Local, whose C2 never goes fully
 *     quiet; more means it was still compiling); store.local_warm_up_articles —
 *     how many articles the warm-up took (bench/bench-database.ts);
 *  2. seed the table up to 20,000 articles over 120 days with the same items
 *     (BatchWriteItem: seeding is not what is measured);
 *  3. query.theme_30d_* — listByTheme for one theme over the last 30 days:
 *     median wall time of 5 runs, items returned, and the read capacity
 *     DynamoDB reports (ReturnConsumedCapacity TOTAL) summed over the pages.
 * Articles are synthetic but shaped like real ones (titles, URLs, varied text, hits).
 * DynamoDB Local is started with the full JIT and warmed up first (bench/bench-database.ts).
 */
import { connectStores, localClient } from '../../bin/local/local-context.ts';
import { startBenchDatabase } from '../bench-database.ts';
import { fixedClock } from '../../lambdas/model/clock.ts';
import { articleItem, indexItems } from '../../lambdas/store/article-items.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { createDynamoDbArticleStore } from '../../lambdas/store/dynamodb-article-store.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { elapsedMs, seededRandom, seedItems, type BenchSuite } from '../suite.ts';
import { mapLimited } from '../../lambdas/concurrency/map-limited.ts';
import { DeleteTableCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { insertedItem, itemWriteUnits } from '../item-size.ts';
import { syntheticArticle } from '../synthetic-article.ts';
import { cpuMeter, jitCpuMeter, ownCpuMeter } from '../process-cpu.ts';

const NOW = Date.parse('2026-11-22T17:00:00.000Z');
const TOTAL = 20_000;
const MEASURED_PUTS = 2_000;
const FEED_SIZE = 50;
const FEEDS_IN_FLIGHT = 4;
const RETENTION_DAYS = 400;
const READS = new Set(['GetItem', 'BatchGetItem', 'Query']);
export default {
  name: 'store',
  async run() {
    const db = await startBenchDatabase();
    const names = tableNamesWithPrefix('bench');
    const context = await connectStores(localClient(db.endpoint), names);
    try {
      await createTables(context.client, names);
      const next = seededRandom(42);
      const articles = Array.from({ length: TOTAL }, (_, n) => syntheticArticle(n + 1, next, NOW));
      const measured = articles.slice(0, MEASURED_PUTS);
      const feeds = Array.from({ length: MEASURED_PUTS / FEED_SIZE }, (_, i) => measured.slice(i * FEED_SIZE, (i + 1) * FEED_SIZE));
      const storeIn = (tableName: string, onConsumedCapacity?: (operation: string, units: number) => void) =>
        createDynamoDbArticleStore(context.doc, { tableName, retentionDays: RETENTION_DAYS, clock: fixedClock(new Date(NOW).toISOString()), onConsumedCapacity });

      // Timed: the store as a poll runs it, asking DynamoDB for no capacity figures (ReturnConsumedCapacity costs
      // DynamoDB Local ~0.07 ms of CPU per batch-written item, bench/local-op-costs.ts; a poll never asks).
      const store = storeIn(names.articles);
      const localCpu = cpuMeter(db.pid);
      const localJitCpu = jitCpuMeter(db.pid);
      const nodeCpu = ownCpuMeter();
      const started = performance.now();
      await mapLimited(feeds, FEEDS_IN_FLIGHT, (feed) => store.putArticles(feed));
      const putMs = elapsedMs(started);
      const localJitCpuMs = localJitCpu?.();
      const nodeCpuMs = nodeCpu();
      const localCpuMs = localCpu?.();

      // Not timed: the same articles again, into tables of their own, counting the write capacity.
      const wcuNames = tableNamesWithPrefix('benchwcu');
      await createTables(context.client, wcuNames);
      let wcu = 0;
      const counting = storeIn(wcuNames.articles, (operation, units) => void (READS.has(operation) ? 0 : (wcu += units)));
      // DynamoDB Local reports no capacity for BatchExecuteStatement (the batched conditional article inserts);
      // AWS does. Where the answer carries none, count what AWS bills for each statement that wrote: its item's
      // size in started KB (bench/item-size.ts, checked against Local's PutItem figures by tests/bench/item-size.int.test.ts).
      context.client.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          const input = args.input as { Statements?: { Statement: string; Parameters?: AttributeValue[] }[] };
          const output = result.output as { ConsumedCapacity?: unknown[]; Responses?: { Error?: unknown }[] };
          if (input.Statements && !output.ConsumedCapacity) {
            input.Statements.forEach((statement, i) => {
              if (!output.Responses?.[i]?.Error) wcu += itemWriteUnits(insertedItem(statement.Statement, statement.Parameters ?? []));
            });
          }
          return result;
        },
        { step: 'build', name: 'benchCountInsertCapacity' },
      );
      await mapLimited(feeds, FEEDS_IN_FLIGHT, (feed) => counting.putArticles(feed));
      context.client.middlewareStack.remove('benchCountInsertCapacity');
      for (const table of Object.values(wcuNames)) await context.client.send(new DeleteTableCommand({ TableName: table }));
      const itemsPerArticle = measured.reduce((sum, a) => sum + 1 + indexItems(a, RETENTION_DAYS).length, 0) / measured.length;

      const rest = articles.slice(MEASURED_PUTS).flatMap((a) => [articleItem(a, RETENTION_DAYS), ...indexItems(a, RETENTION_DAYS)]);
      await seedItems(context.doc, names.articles, rest);

      let rcu = 0;
      const counted = createDynamoDbArticleStore(context.doc, {
        tableName: names.articles,
        retentionDays: RETENTION_DAYS,
        clock: fixedClock(new Date(NOW).toISOString()),
        onConsumedCapacity: (_operation, units) => (rcu += units),
      });
      const range = { from: new Date(NOW - 30 * 86_400_000).toISOString(), to: new Date(NOW).toISOString() };
      await counted.listByTheme('extortion', range); // warm-up
      const times: number[] = [];
      let items = 0;
      for (let run = 0; run < 5; run++) {
        rcu = 0;
        const t = performance.now();
        items = (await counted.listByTheme('extortion', range)).length;
        times.push(elapsedMs(t));
      }
      times.sort((a, b) => a - b);
      return {
        'store.articles_per_s': Math.round((MEASURED_PUTS / putMs) * 1000),
        'store.items_per_article': Math.round(itemsPerArticle * 100) / 100,
        'store.wcu_per_article': Math.round((wcu / MEASURED_PUTS) * 100) / 100,
        'store.node_cpu_ms_per_article': Math.round((nodeCpuMs / MEASURED_PUTS) * 100) / 100,
        ...(localCpuMs === undefined ? {} : { 'store.local_cpu_ms_per_article': Math.round((localCpuMs / MEASURED_PUTS) * 100) / 100 }),
        ...(localJitCpuMs === undefined ? {} : { 'store.local_jit_cpu_ms': localJitCpuMs }),
        'store.local_warm_up_articles': db.warmUp.articles,
        'query.stored_articles': TOTAL,
        'query.theme_30d_ms': times[2]!,
        'query.theme_30d_items': items,
        'query.theme_30d_rcu': Math.round(rcu * 10) / 10,
      };
    } finally {
      context.client.destroy();
      await db.stop();
    }
  },
} satisfies BenchSuite;
