/**
 * DynamoDB Local as the throughput benches use it: started with the JVM's full
 * JIT and warmed up before anything is measured.
 *
 * Why: `startDynamoDbLocal`'s default options (`-XX:TieredStopAtLevel=1`, the
 * quick C1 compiler only) start Local fast for tests, and a fresh JVM runs its
 * first thousands of requests in the interpreter and in C1 code. A measured
 * run on a cold Local therefore timed the emulator's JIT as much as our store
 * (docs/load.md, "DynamoDB Local for the benches"). DynamoDB in AWS is not a
 * JVM that starts with each poll, so the store and poll benches measure
 * against a warm one: the warm-up stores WARM_UP_ARTICLES synthetic articles
 * with the store's own write protocol in scratch tables, reads them back the
 * way a poll does, and deletes the tables, so the measured tables start empty.
 *
 * `CENTINELA_BENCH_COLD_LOCAL=1` restores the old method (default options, no
 * warm-up) to compare; `JAVA_TOOL_OPTIONS` still overrides the options.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { connectStores, localClient } from '../bin/local/local-context.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../bin/local/dynamodb-local.ts';
import { mapLimited } from '../lambdas/concurrency/map-limited.ts';
import { fixedClock } from '../lambdas/model/clock.ts';
import { createTables } from '../lambdas/store/create-tables.ts';
import { createDynamoDbArticleStore } from '../lambdas/store/dynamodb-article-store.ts';
import { tableNamesWithPrefix } from '../lambdas/store/schema.ts';
import { seededRandom } from './suite.ts';
import { syntheticArticle } from './synthetic-article.ts';

/** Full tiered JIT (C1 then C2) and a heap with room for the benches' 25,000-article tables. */
export const THROUGHPUT_JAVA_OPTIONS = '-Xmx1g -XX:+UseParallelGC';
export const WARM_UP_ARTICLES = 6_000;
const FEED_SIZE = 50;
const FEEDS_IN_FLIGHT = 4;
const NOW = Date.parse('2026-11-22T17:00:00.000Z');

export interface BenchDatabase extends DynamoDbLocal {
  /** Wall-clock milliseconds the warm-up took (0 when cold). */
  warmUpMs: number;
  /** True when started the old way: default JVM options, no warm-up. */
  cold: boolean;
}

/** Starts DynamoDB Local for a throughput bench and warms it up (see the module comment). */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const cold = process.env.CENTINELA_BENCH_COLD_LOCAL === '1';
  const db = await startDynamoDbLocal(cold ? {} : { javaOptions: THROUGHPUT_JAVA_OPTIONS });
  if (cold) return { ...db, warmUpMs: 0, cold };
  const started = performance.now();
  try {
    await warmUp(db.endpoint);
  } catch (error) {
    await db.stop();
    throw error;
  }
  return { ...db, warmUpMs: Math.round(performance.now() - started), cold };
}

/** Stores and looks up WARM_UP_ARTICLES articles in scratch tables, then deletes them. */
async function warmUp(endpoint: string): Promise<void> {
  const names = tableNamesWithPrefix('warmup');
  const context = await connectStores(localClient(endpoint), names);
  try {
    await createTables(context.client, names);
    const store = createDynamoDbArticleStore(context.doc, {
      tableName: names.articles,
      retentionDays: 400,
      clock: fixedClock(new Date(NOW).toISOString()),
    });
    const next = seededRandom(7);
    const feeds = Array.from({ length: WARM_UP_ARTICLES / FEED_SIZE }, (_, f) =>
      Array.from({ length: FEED_SIZE }, (_, i) => syntheticArticle(1_000_000 + f * FEED_SIZE + i, next, NOW)),
    );
    await mapLimited(feeds, FEEDS_IN_FLIGHT, async (feed) => {
      await store.putArticles(feed);
      await store.findStored(feed.map((a) => a.id));
    });
    for (const table of Object.values(names)) await context.client.send(new DeleteTableCommand({ TableName: table }));
  } finally {
    context.client.destroy();
  }
}
