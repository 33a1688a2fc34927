/**
 * DynamoDB Local as the throughput benches use it: started with the JVM's full
 * JIT and warmed up until its JIT compilers are quiet, before anything is
 * measured.
 *
 * Why: `startDynamoDbLocal`'s default options (`-XX:TieredStopAtLevel=1`, the
 * quick C1 compiler only) start Local fast for tests, and a fresh JVM runs its
 * first thousands of requests in the interpreter and in C1 code. A measured
 * run on a cold Local therefore timed the emulator's JIT as much as our store
 * (docs/load.md, "DynamoDB Local for the benches"). DynamoDB in AWS is not a
 * JVM that starts with each poll, so the store and poll benches measure
 * against a warm one.
 *
 * The warm-up runs in rounds of WARM_UP_ROUND_ARTICLES synthetic articles,
 * each with a new client (new connections) and new scratch tables deleted
 * after it, as a measured run starts. Each feed of 50 articles goes through
 * the requests of a poll's first pass (docs/load.md, "Where a poll's first
 * pass goes"): the feed's state read, the batch read of its ids and story
 * keys, the store's own write protocol, the state written; then the ids read
 * back, as the poll's later passes do. Half the feeds carry story keys, as
 * polled articles do; the store suite's do not.
 * After each round the CPU of Local's JIT compiler threads (/proc, per thread)
 * against all of Local's CPU decides whether to go on (bench/warm-up-rounds.ts:
 * at least 6,000 articles, at most 30,000, until the compilers used at most 5%
 * of Local's CPU over the last two rounds). Without /proc it stores the 6,000
 * and stops, as the warm-up did before rounds.
 *
 * `CENTINELA_BENCH_COLD_LOCAL=1` restores the old method (default options, no
 * warm-up) to compare; `JAVA_TOOL_OPTIONS` still overrides the options.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { connectStores, localClient, type StoreContext } from '../bin/local/local-context.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../bin/local/dynamodb-local.ts';
import { mapLimited } from '../lambdas/concurrency/map-limited.ts';
import { createTables } from '../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../lambdas/store/schema.ts';
import { cpuMeter, jitCpuMeter } from './process-cpu.ts';
import { seededRandom } from './suite.ts';
import { syntheticArticle } from './synthetic-article.ts';
import { BENCH_WARM_UP_POLICY, jitShare, warmUpState, type WarmUpPolicy, type WarmUpRound } from './warm-up-rounds.ts';

/** Full tiered JIT (C1 then C2) and a heap with room for the benches' 25,000-article tables. */
export const THROUGHPUT_JAVA_OPTIONS = '-Xmx1g -XX:+UseParallelGC';
/** Articles per warm-up round: about the store suite's measured run (2,000). */
export const WARM_UP_ROUND_ARTICLES = 2_000;
const FEED_SIZE = 50;
const FEEDS_IN_FLIGHT = 4;
const NOW = Date.parse('2026-11-22T17:00:00.000Z');

/** What the warm-up did; see warmUpState for `ended`. */
export interface WarmUpReport {
  rounds: WarmUpRound[];
  articles: number;
  /** The last round's JIT compiler CPU over Local's CPU in it (0–1); undefined without /proc or when cold. */
  lastJitShare: number | undefined;
  ended: 'quiet' | 'cap' | 'fixed' | 'cold';
}

export interface BenchDatabase extends DynamoDbLocal {
  /** Wall-clock milliseconds the warm-up took (0 when cold). */
  warmUpMs: number;
  /** True when started the old way: default JVM options, no warm-up. */
  cold: boolean;
  warmUp: WarmUpReport;
}

/** Starts DynamoDB Local for a throughput bench and warms it up (see the module comment). */
export async function startBenchDatabase(options: { policy?: WarmUpPolicy; onRound?: (round: WarmUpRound) => void } = {}): Promise<BenchDatabase> {
  const cold = process.env.CENTINELA_BENCH_COLD_LOCAL === '1';
  const db = await startDynamoDbLocal(cold ? {} : { javaOptions: THROUGHPUT_JAVA_OPTIONS });
  if (cold) return { ...db, warmUpMs: 0, cold, warmUp: { rounds: [], articles: 0, lastJitShare: undefined, ended: 'cold' } };
  const started = performance.now();
  try {
    const warmUp = await warmUpLocal(db, options.policy ?? BENCH_WARM_UP_POLICY, options.onRound);
    const warmUpMs = Math.round(performance.now() - started);
    console.log(`bench: DynamoDB Local warmed up with ${describeWarmUp(warmUp)} in ${warmUpMs} ms`);
    return { ...db, warmUpMs, cold, warmUp };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

/** For the bench's log: "18,000 articles in 9 rounds (JIT quiet; compilers' share of Local's CPU per round: 61.0%, …, 2.1%)". */
function describeWarmUp(warmUp: WarmUpReport): string {
  const percent = (share: number | undefined) => (share === undefined ? '?' : `${(share * 100).toFixed(1)}%`);
  const perRound = warmUp.rounds.map((round) => percent(jitShare([round]))).join(', ');
  const ended = { quiet: 'JIT quiet', cap: 'JIT still compiling at the cap', fixed: 'no /proc: fixed size', cold: 'cold' }[warmUp.ended];
  return `${warmUp.articles.toLocaleString('en')} articles in ${warmUp.rounds.length} rounds (${ended}; compilers' share of Local's CPU per round: ${perRound})`;
}

/**
 * Runs warm-up rounds until `policy` says stop, each with a client and scratch
 * tables of its own, created before it and deleted after it, as each measured
 * run starts with new connections and empty tables.
 */
async function warmUpLocal(db: DynamoDbLocal, policy: WarmUpPolicy, onRound?: (round: WarmUpRound) => void): Promise<WarmUpReport> {
  const next = seededRandom(7);
  const rounds: WarmUpRound[] = [];
  let state = warmUpState(rounds, policy);
  while (state === 'warming') {
    const jitCpu = jitCpuMeter(db.pid);
    const localCpu = cpuMeter(db.pid);
    const started = performance.now();
    const context = await connectStores(localClient(db.endpoint), tableNamesWithPrefix(`warmup${rounds.length}`));
    try {
      await createTables(context.client, context.tableNames);
      await warmUpRound(context, rounds.length, next);
      for (const table of Object.values(context.tableNames)) await context.client.send(new DeleteTableCommand({ TableName: table }));
    } finally {
      context.client.destroy();
    }
    const round: WarmUpRound = {
      articles: WARM_UP_ROUND_ARTICLES,
      wallMs: Math.round(performance.now() - started),
      localCpuMs: localCpu?.(),
      jitCpuMs: jitCpu?.(),
    };
    rounds.push(round);
    onRound?.(round);
    state = warmUpState(rounds, policy);
  }
  return { rounds, articles: rounds.length * WARM_UP_ROUND_ARTICLES, lastJitShare: jitShare(rounds.slice(-1)), ended: state };
}

/** Round `index`: WARM_UP_ROUND_ARTICLES new articles in feeds of 50, each feed as a poll's first pass handles it. */
async function warmUpRound(context: StoreContext, index: number, next: () => number): Promise<void> {
  const first = 1_000_000 + index * WARM_UP_ROUND_ARTICLES;
  const feeds = Array.from({ length: WARM_UP_ROUND_ARTICLES / FEED_SIZE }, (_, f) =>
    Array.from({ length: FEED_SIZE }, (_, i) => {
      const article = syntheticArticle(first + f * FEED_SIZE + i, next, NOW);
      return f % 2 === 0 ? { ...article, storyKey: `${article.feedId}.example.pe|${article.title.toLowerCase()}` } : article;
    }),
  );
  await mapLimited(feeds, FEEDS_IN_FLIGHT, async (feed, f) => {
    const feedId = `warmup-${f}`;
    // As in a first pass the state is absent (new tables each round); the read is what counts.
    const previous = await context.feedStates.get(feedId);
    const ids = feed.map((a) => a.id);
    const known = await context.articles.findStored(ids, feed.flatMap((a) => (a.storyKey ? [a.storyKey] : [])));
    await context.articles.putArticles(feed, known);
    await context.feedStates.put({
      feedId,
      url: `https://${feedId}.example.pe/rss`,
      etag: `"${index}-${f}"`,
      lastAttemptAt: new Date(NOW).toISOString(),
      lastSuccessAt: new Date(NOW).toISOString(),
      httpStatus: 200,
      consecutiveFailures: previous?.consecutiveFailures ?? 0,
      itemsSeen: feed.length,
      itemsNew: feed.length,
      itemsRejected: 0,
    });
    await context.articles.findStored(ids);
  });
}
