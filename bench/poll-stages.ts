/**
 * Where the poll bench's first pass spends its CPU, stage by stage
 * (`npx tsx bench/poll-stages.ts`; BENCH_POLL_SERVERS scales it down as for the
 * suite; not a suite: a one-off breakdown behind docs/load.md, "Where a first
 * pass goes").
 *
 * On the poll suite's own feeds (bench/suites/poll.ts: loopback servers, 50
 * items a feed, as many feeds at a time as the suite), each stage alone, then the whole pass:
 *  - fetch: the HTTP requests (this process's client and the bench's feed
 *    servers, which run in this process too);
 *  - parse: decode, parse and normalize the fetched bytes (readFeed over a
 *    fetcher that hands back those bytes: no network);
 *  - tag: tagDraft of every draft;
 *  - feed state: the feed's state read and written, as a poll does;
 *  - findStored: the poll's batch read of its items' ids and story keys (all
 *    absent: every item is new);
 *  - putArticles: the store writing each feed's tagged articles (pending-write
 *    item, conditional inserts, index items);
 *  - first pass: pollFeeds over the same feeds into fresh tables, as the
 *    suite measures it, with the DynamoDB requests it sent per feed.
 * For each: wall time and the CPU time each process spent per article, this
 * one (process.cpuUsage) and DynamoDB Local's (/proc/PID/stat; Linux only).
 * CPU holds much better than wall time on a loaded machine. DynamoDB Local
 * is started and warmed up as the suite does it (bench/bench-database.ts);
 * the stages run before the pass, one at a time, so their sum leaves out what
 * overlapping them costs or saves.
 */
import type { FeedFetcher } from '../lambdas/feeds/fetch/feed-fetcher.ts';
import { createHttpFetcher } from '../lambdas/feeds/fetch/http-fetcher.ts';
import { alternateIds } from '../lambdas/feeds/live-blog.ts';
import { readFeed } from '../lambdas/feeds/parse/read-feed.ts';
import { pollFeeds, tagDraft } from '../lambdas/feeds/poll-feeds.ts';
import { storyKeysOf } from '../lambdas/feeds/story-identity.ts';
import { mapLimited } from '../lambdas/concurrency/map-limited.ts';
import type { Article, ArticleDraft } from '../lambdas/model/article.ts';
import { systemClock } from '../lambdas/model/clock.ts';
import type { StoredLookup } from '../lambdas/store/article-store.ts';
import { createTables } from '../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../lambdas/store/schema.ts';
import { loadTagger } from '../lambdas/tagging/tagger.ts';
import { connectStores, localClient } from '../bin/local/local-context.ts';
import { startBenchDatabase } from './bench-database.ts';
import { cpuMeter, ownCpuMeter } from './process-cpu.ts';
import { benchFeeds, CONCURRENCY, ITEMS, SERVERS, startFeedServer } from './suites/poll.ts';

const db = await startBenchDatabase();
const servers = await Promise.all(Array.from({ length: SERVERS }, (_, i) => startFeedServer(i)));
const feeds = benchFeeds(servers);
const articles = feeds.length * ITEMS;
const fetcher = createHttpFetcher();
const stages = await connectStores(localClient(db.endpoint), tableNamesWithPrefix('stages'));
const pass = await connectStores(localClient(db.endpoint), tableNamesWithPrefix('pass'));
const rows: string[] = [];

async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const local = cpuMeter(db.pid);
  const node = ownCpuMeter();
  const started = performance.now();
  const result = await work();
  const wall = performance.now() - started;
  const nodeMs = node();
  const localMs = local?.();
  const perArticle = (ms: number) => (ms / articles).toFixed(3).padStart(7);
  rows.push(
    `${name.padEnd(14)} ${Math.round(wall).toString().padStart(8)} ms wall   node ${perArticle(nodeMs)}   local ${localMs === undefined ? '    n/a' : perArticle(localMs)}  ms CPU / article`,
  );
  return result;
}

try {
  await createTables(stages.client, stages.tableNames);
  await createTables(pass.client, pass.tableNames);
  const bodies = await stage('fetch', () =>
    mapLimited(feeds, CONCURRENCY, async (feed) => {
      const fetched = await fetcher.fetch(feed.url, {}, 'feed');
      if (fetched.status !== 'ok') throw new Error(`poll-stages: ${feed.url} answered ${fetched.httpStatus}`);
      return fetched;
    }),
  );
  const drafts = await stage('parse', () =>
    mapLimited(feeds, CONCURRENCY, async (feed, i) => {
      const fromMemory: FeedFetcher = { fetch: async () => bodies[i]! };
      const read = await readFeed(feed, fromMemory, {}, new Date());
      if (read.status !== 'ok') throw new Error(`poll-stages: ${feed.url} read as ${read.status}`);
      return read.drafts;
    }),
  );
  const tagger = loadTagger();
  const tagged = await stage('tag', async () => drafts.map((list) => list.map((draft) => tagDraft(draft, tagger))));
  await stage('feed state', () =>
    mapLimited(feeds, CONCURRENCY, async (feed) => {
      const previous = await stages.feedStates.get(feed.id);
      await stages.feedStates.put({ ...previous, feedId: feed.id, url: feed.url, consecutiveFailures: 0, etag: '"v1"', lastSuccessAt: new Date().toISOString() });
    }),
  );
  const found = await stage('findStored', () =>
    mapLimited(drafts, CONCURRENCY, (list: ArticleDraft[]) => stages.articles.findStored([...list.map((d) => d.id), ...alternateIds(list)], storyKeysOf(list))),
  );
  await stage('putArticles', () => mapLimited(tagged, CONCURRENCY, (list: Article[], i) => stages.articles.putArticles(list, found[i] as StoredLookup)));

  const requests: Record<string, number> = {};
  pass.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      requests[name] = (requests[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const reports = await stage('first pass', () =>
    pollFeeds(feeds, { fetcher, articles: pass.articles, feedStates: pass.feedStates, tagger, clock: systemClock }, CONCURRENCY),
  );
  const stored = reports.reduce((sum, r) => sum + r.itemsNew, 0);
  if (stored !== articles) throw new Error(`poll-stages: the pass stored ${stored} of ${articles} articles`);
  console.log(`${feeds.length} feeds × ${ITEMS} items (${articles} articles)`);
  for (const row of rows) console.log(row);
  const perFeed = Object.entries(requests).map(([name, n]) => `${name} ${(n / feeds.length).toFixed(2)}`);
  console.log(`first pass, DynamoDB requests per feed: ${perFeed.join(', ')}`);
} finally {
  fetcher.close();
  await Promise.all(servers.map((s) => s.close()));
  stages.client.destroy();
  pass.client.destroy();
  await db.stop();
}
