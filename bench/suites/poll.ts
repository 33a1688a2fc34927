/**
 * One poll cycle of 500 feeds × 50 items on loopback servers, into DynamoDB Local:
 *  - poll.first_pass_ms — every item is new: fetch, parse, normalize, tag, store (25,000 articles);
 *  - poll.first_pass_node_cpu_ms_per_article, poll.first_pass_local_cpu_ms_per_article — the CPU this
 *    process (fetch, parse, tag, the store's requests and these feed servers) and DynamoDB Local's
 *    spent per article of the first pass; poll.first_pass_busy_cores — both over its wall time;
 *    poll.first_pass_local_jit_cpu_ms — what Local's JIT compiler threads used of it (bench/process-cpu.ts),
 *    and poll.local_warm_up_articles the warm-up's size (bench/bench-database.ts);
 *  - poll.index_items_per_article — the index and story items each new article of the first pass
 *    was stored with (one per theme, per region, its day, its feed, its story key): most of the writes;
 *  - poll.all_304_ms — the second pass: every feed answers 304 to the validators stored by the first;
 *  - poll.requests_per_unchanged_item — the third pass: every feed changed its ETag but carries the
 *    same 50 items, all stored already; the DynamoDB requests the poll sends for them (articles
 *    table) per item. The feed's own state read and write (feeds table, two per feed, as for a
 *    304) are not the items' and are reported apart: poll.state_requests_per_feed;
 *    poll.all_stored_ms is how long that pass took;
 *  - poll.peak_rss_mb — the highest resident set size of this process during both passes
 *    (DynamoDB Local's java process not included).
 * 25 servers of 20 feeds each, so the per-host limit (2) allows 50 requests in flight; 8 feeds at a time, as
 * `centinela poll` (BENCH_POLL_CONCURRENCY).
 * DynamoDB Local is started with the full JIT and warmed up first (bench/bench-database.ts).
 */
import { createServer } from 'node:http';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { listenOnLoopback, type FeedServer } from '../../bin/local/feed-server.ts';
import { connectStores, localClient } from '../../bin/local/local-context.ts';
import { startBenchDatabase } from '../bench-database.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { createHttpFetcher } from '../../lambdas/feeds/fetch/http-fetcher.ts';
import { pollFeeds } from '../../lambdas/feeds/poll-feeds.ts';
import { FEED_CONCURRENCY } from '../../lambdas/feeds/feed-concurrency.ts';
import { systemClock } from '../../lambdas/model/clock.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { elapsedMs, rssMb, type BenchSuite } from '../suite.ts';
import { syntheticFeed, type SyntheticStory } from './parse.ts';
import { cpuMeter, jitCpuMeter, ownCpuMeter } from '../process-cpu.ts';

/** BENCH_POLL_SERVERS scales the run down (20 feeds per server) on a machine too loaded for the full 500 feeds. */
export const SERVERS = Number(process.env.BENCH_POLL_SERVERS ?? 25);
const FEEDS_PER_SERVER = 20;
export const ITEMS = 50;
/**
 * Feeds polled at a time: what `centinela poll` does (FEED_CONCURRENCY), or BENCH_POLL_CONCURRENCY.
 * Until 2026-12-01 the suite polled 16 at a time, which costs both processes more CPU per article
 * (docs/load.md, "Where a poll's first pass goes").
 */
export const CONCURRENCY = Number(process.env.BENCH_POLL_CONCURRENCY ?? FEED_CONCURRENCY);

/**
 * Each item tells one story, as real news does: one theme (two for the drugs story) and one or two
 * regions, so 1.2 themes and 1.6 regions an article, against 1.0 and 1.45 on the 242 real articles of
 * ../shared/tagging-dev. The parse suite's kitchen-sink item (all five paragraphs) tags as three themes
 * and five regions since issue 13's broader rules: 11 index items an article instead of about 5.5,
 * twice the writes of a real poll. poll.index_items_per_article shows what this run wrote.
 */
const STORIES: readonly { headline: string; paragraph: string }[] = [
  { headline: 'capturan a presuntos extorsionadores de transportistas', paragraph: 'La Policía Nacional del Perú desarticuló una banda dedicada a la extorsión de transportistas en San Juan de Lurigancho.' },
  { headline: 'trasladan a internos tras requisa', paragraph: 'El INPE informó que dos internos del penal de Lurigancho fueron trasladados tras hallarse celulares en sus celdas.' },
  { headline: 'grupos armados controlan socavones', paragraph: 'En Pataz, la minería ilegal sigue financiando a grupos armados que controlan socavones y rutas de insumos.' },
  { headline: 'allanan municipalidad por compras de combustible', paragraph: 'La Fiscalía anticorrupción allanó la municipalidad de Chiclayo por presuntos sobornos en la compra de combustible.' },
  { headline: 'incautan cargamento en almacén portuario', paragraph: 'Agentes de la Dirandro incautaron 300 kilos de cocaína en un almacén del Callao listos para su envío a Europa.' },
];
/** Words that tag nothing (checked: no theme, region or country), so each item keeps its one story. */
const FILLER = [
  'Los vecinos del sector pidieron más iluminación en las calles y mejores horarios para el transporte público.',
  'La investigación continúa y las autoridades prometieron informar de los avances en los próximos días.',
  'El caso fue comentado en las redes sociales, donde muchos usuarios compartieron fotos y videos del lugar.',
];
const PARAGRAPH_SETS = STORIES.map((story) => [story.paragraph, ...FILLER, story.paragraph, FILLER[0]!]);
const oneStory = (n: number, id: number): SyntheticStory => ({
  title: `Operativo ${id}: ${STORIES[n % STORIES.length]!.headline}`,
  paragraphs: PARAGRAPH_SETS[n % STORIES.length]!,
});

/** Which ETag the servers give: a new one makes every feed "changed" with the same items. */
const version = { current: 'v1' };

/** The `index`th of the bench's loopback feed servers: FEEDS_PER_SERVER feeds of ITEMS items, each with its ETag. */
export async function startFeedServer(index: number): Promise<FeedServer> {
  const bodies = new Map<string, Buffer>();
  for (let f = 0; f < FEEDS_PER_SERVER; f++) {
    const seed = index * FEEDS_PER_SERVER + f;
    bodies.set(`/feed-${f}.xml`, Buffer.from(syntheticFeed(ITEMS, { site: `https://site-${seed}.example.pe`, seed, story: oneStory })));
  }
  const server = createServer((request, response) => {
    const body = bodies.get(request.url ?? '');
    if (!body) return void response.writeHead(404).end();
    const etag = `"${request.url}-${version.current}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  // A loaded machine can stall the client past the server's 5 s keep-alive: the server then closes a
  // socket the client is about to reuse (ECONNRESET). Real outlets are not what this bench measures.
  server.keepAliveTimeout = 120_000;
  return listenOnLoopback(server);
}

/** The feed list of the servers started with startFeedServer, in server order. */
export function benchFeeds(servers: FeedServer[]): FeedSource[] {
  return servers.flatMap((server, s) =>
    Array.from({ length: FEEDS_PER_SERVER }, (_, f) => ({
      id: `bench-${s}-${f}`,
      name: `Bench ${s}/${f}`,
      url: `${server.origin}/feed-${f}.xml`,
      lang: 'es' as const,
      fullText: false,
    })),
  );
}

export default {
  name: 'poll',
  async run() {
    // The load suite runs this suite too, in the same process: every run starts from the first ETag.
    version.current = 'v1';
    const db = await startBenchDatabase();
    const names = tableNamesWithPrefix('benchpoll');
    const stores = await connectStores(localClient(db.endpoint), names);
    const servers = await Promise.all(Array.from({ length: SERVERS }, (_, i) => startFeedServer(i)));
    const fetcher = createHttpFetcher();
    let peak = rssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
    try {
      await createTables(stores.client, names);
      const feeds = benchFeeds(servers);
      const deps = { fetcher, articles: stores.articles, feedStates: stores.feedStates, tagger: loadTagger(), clock: systemClock };

      const localCpu = cpuMeter(db.pid);
      const localJitCpu = jitCpuMeter(db.pid);
      const nodeCpu = ownCpuMeter();
      let started = performance.now();
      const first = await pollFeeds(feeds, deps, CONCURRENCY);
      const firstMs = elapsedMs(started);
      const firstLocalJitCpuMs = localJitCpu?.();
      const firstNodeCpuMs = nodeCpu();
      const firstLocalCpuMs = localCpu?.();
      const stored = first.reduce((sum, r) => sum + r.itemsNew, 0);
      const failed = first.filter((r) => r.status !== 'ok');
      if (failed.length > 0 || stored !== feeds.length * ITEMS) {
        throw new Error(`bench: first pass stored ${stored} of ${feeds.length * ITEMS}; ${failed.length} feed(s) not ok: ${failed[0]?.error ?? ''}`);
      }
      console.log(`poll: first pass stored ${stored} articles from ${feeds.length} feeds in ${Math.round(firstMs)} ms`);
      // What the new articles' index costs: every item of the table but the articles themselves (the
      // pending-write items are deleted) is one of their index or story items. DynamoDB Local counts a
      // table's items as they are written (AWS updates ItemCount about every six hours), so nothing in
      // the timed pass had to count them.
      const itemCount = (await stores.client.send(new DescribeTableCommand({ TableName: names.articles }))).Table?.ItemCount ?? 0;
      const indexItems = itemCount - stored;

      started = performance.now();
      const second = await pollFeeds(feeds, deps, CONCURRENCY);
      const secondMs = elapsedMs(started);
      if (!second.every((r) => r.status === 'not_modified')) throw new Error('bench: the second pass was not all 304');

      version.current = 'v2';
      const requests = { articles: 0, feeds: 0 };
      stores.client.middlewareStack.add(
        (next) => async (args) => {
          const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown>; TransactItems?: unknown[] };
          const tables = input.TableName ? [input.TableName] : Object.keys(input.RequestItems ?? {});
          if (tables.includes(names.articles) || input.TransactItems) requests.articles++;
          else if (tables.includes(names.feeds)) requests.feeds++;
          return next(args);
        },
        { step: 'initialize', name: 'benchCountRequests' },
      );
      started = performance.now();
      const third = await pollFeeds(feeds, deps, CONCURRENCY);
      const thirdMs = elapsedMs(started);
      stores.client.middlewareStack.remove('benchCountRequests');
      const unchanged = third.reduce((sum, r) => sum + r.itemsSeen - r.itemsNew - r.itemsMerged, 0);
      if (!third.every((r) => r.status === 'ok') || unchanged !== stored) {
        const total = (key: 'itemsSeen' | 'itemsNew' | 'itemsMerged') => third.reduce((sum, r) => sum + r[key], 0);
        throw new Error(
          `bench: the third pass saw ${unchanged} stored items, not ${stored} (seen ${total('itemsSeen')}, new ${total('itemsNew')}, merged ${total('itemsMerged')}; ` +
            `statuses ${[...new Set(third.map((r) => r.status))].join(', ')}; first report ${JSON.stringify(third[0]).slice(0, 600)})`,
        );
      }

      return {
        'poll.feeds': feeds.length,
        'poll.articles_stored': stored,
        'poll.first_pass_ms': Math.round(firstMs),
        'poll.first_pass_articles_per_s': Math.round(stored / (firstMs / 1000)),
        // CPU per article of each process in the first pass: this one (fetch, parse, normalize, tag, the store's
        // requests, and the bench's own feed servers) and DynamoDB Local's; with the wall time they show whether
        // the two cores were busy (busy_cores near 2) or one process waited on the other.
        'poll.first_pass_node_cpu_ms_per_article': Math.round((firstNodeCpuMs / stored) * 1000) / 1000,
        ...(firstLocalCpuMs === undefined
          ? {}
          : {
              'poll.first_pass_local_cpu_ms_per_article': Math.round((firstLocalCpuMs / stored) * 1000) / 1000,
              'poll.first_pass_busy_cores': Math.round(((firstNodeCpuMs + firstLocalCpuMs) / firstMs) * 100) / 100,
            }),
        // Of Local's CPU in the first pass, what its JIT compilers used: 4–5% on a warm Local (docs/load.md), more if still compiling.
        ...(firstLocalJitCpuMs === undefined ? {} : { 'poll.first_pass_local_jit_cpu_ms': firstLocalJitCpuMs }),
        'poll.local_warm_up_articles': db.warmUp.articles,
        'poll.index_items_per_article': Math.round((indexItems / stored) * 100) / 100,
        'poll.all_304_ms': Math.round(secondMs),
        'poll.all_stored_ms': Math.round(thirdMs),
        'poll.requests_per_unchanged_item': Math.round((requests.articles / unchanged) * 1000) / 1000,
        'poll.state_requests_per_feed': Math.round((requests.feeds / feeds.length) * 100) / 100,
        'poll.peak_rss_mb': Math.max(peak, rssMb()),
      };
    } finally {
      clearInterval(sampler);
      fetcher.close();
      await Promise.all(servers.map((s) => s.close()));
      stores.client.destroy();
      await db.stop();
    }
  },
} satisfies BenchSuite;
