/**
 * Load: the two jobs at the sizes of issue 8, with this process's peak memory.
 *  - load.poll_500x50_ms — one poll cycle of 500 feeds × 50 items on loopback
 *    servers into DynamoDB Local: the poll suite's own run (bench/suites/poll.ts),
 *    so the two never disagree about the setup;
 *  - load.digest_100_subscribers_ms — one send-digests run (sendDueDigests: due
 *    Queries, claims, digest reads, rendering, MIME, mark sent) for 100 subscribers
 *    over 20,000 stored articles spread over 60 days, through a mailer that
 *    composes each raw MIME message as SES would receive it and drops it;
 *  - load.peak_rss_mb — the highest resident set size of this process across
 *    both (sampled every 50 ms; DynamoDB Local's java process not included).
 * How these grow with feeds, items and subscribers: docs/load.md, "Load: how time and cost grow".
 */
import { createHash } from 'node:crypto';
import { connectStores, localClient } from '../../bin/local/local-context.ts';
import { startDynamoDbLocal } from '../../bin/local/dynamodb-local.ts';
import { composeMime } from '../../lambdas/mail/compose-mime.ts';
import type { Mailer } from '../../lambdas/mail/mailer.ts';
import { sendDueDigests } from '../../lambdas/digest/send-digests.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { articleItem, indexItems } from '../../lambdas/store/article-items.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { elapsedMs, rssMb, seededRandom, seedItems, type BenchSuite } from '../suite.ts';
import pollSuite from './poll.ts';

const ARTICLES = 20_000;
const SUBSCRIBERS = 100;
const DAYS = 60;
const NOW = new Date('2026-11-23T13:00:00.000Z'); // Monday 08:00 in Lima: daily and Monday-weekly digests are due
const RETENTION_DAYS = 400;

export default {
  name: 'load',
  async run() {
    let peak = rssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
    try {
      const poll = await pollSuite.run();
      const digest = await digestRun();
      console.log(
        `load: ${poll['poll.feeds']} feeds × 50 items polled in ${poll['poll.first_pass_ms']} ms; ` +
          `${digest.sent} digests over ${ARTICLES} articles sent in ${Math.round(digest.ms)} ms; peak RSS ${Math.max(peak, rssMb())} MB`,
      );
      return {
        'load.poll_500x50_ms': poll['poll.first_pass_ms']!,
        'load.poll_articles_per_s': poll['poll.first_pass_articles_per_s']!,
        'load.digest_100_subscribers_ms': Math.round(digest.ms),
        'load.digest_ms_per_subscriber': Math.round(digest.ms / SUBSCRIBERS),
        'load.digest_mime_kb_max': digest.maxMimeKb,
        'load.peak_rss_mb': Math.max(peak, rssMb()),
      };
    } finally {
      clearInterval(sampler);
    }
  },
} satisfies BenchSuite;

async function digestRun(): Promise<{ ms: number; sent: number; maxMimeKb: number }> {
  const db = await startDynamoDbLocal();
  const names = tableNamesWithPrefix('benchload');
  const stores = await connectStores(localClient(db.endpoint), names, RETENTION_DAYS);
  try {
    await createTables(stores.client, names);
    const tagger = loadTagger();
    const themes = tagger.themes.map((t) => t.id);
    const regions = tagger.regions.map((r) => r.id);
    const random = seededRandom(8);
    const items = Array.from({ length: ARTICLES }, (_, n) => article(n, random, themes, regions)).flatMap((a) => [
      articleItem(a, RETENTION_DAYS),
      ...indexItems(a, RETENTION_DAYS),
    ]);
    await seedItems(stores.doc, names.articles, items);
    for (let n = 0; n < SUBSCRIBERS; n++) await stores.subscribers.put(subscriber(n, random, themes, regions));

    let maxMime = 0;
    const mailer: Mailer = {
      async send(mail) {
        maxMime = Math.max(maxMime, (await composeMime(mail)).length);
        return { id: `load-${mail.to}` };
      },
    };
    const started = performance.now();
    const report = await sendDueDigests(
      {
        subscribers: stores.subscribers,
        sentRecords: stores.sentRecords,
        articles: stores.articles,
        mailer,
        catalog: tagger,
        from: 'Centinela <digest@bench.invalid>',
        unsubscribe: { baseUrl: 'https://unsubscribe.bench.invalid/', signingKey: 'bench-signing-key-0123456789' },
      },
      NOW,
    );
    const ms = elapsedMs(started);
    if (report.failed > 0 || report.sent + report.skipped !== SUBSCRIBERS) {
      const firstFailure = report.outcomes.find((outcome) => outcome.status === 'failed');
      throw new Error(
        `bench: load digest run sent ${report.sent}, skipped ${report.skipped}, failed ${report.failed} of ${SUBSCRIBERS}` +
          (firstFailure && 'error' in firstFailure ? `; the first failure: ${firstFailure.error}` : ''),
      );
    }
    return { ms, sent: report.sent, maxMimeKb: Math.round(maxMime / 102.4) / 10 };
  } finally {
    stores.client.destroy();
    await db.stop();
  }
}

const PLACES = ['Ate', 'Comas', 'Trujillo', 'Piura', 'Chiclayo', 'Tumbes', 'Pataz', 'Juliaca', 'Huánuco', 'Iquitos', 'Callao', 'Arequipa'];
const FEEDS = ['El Vigía', 'Diario del Sur', 'La Voz del Norte', 'Radio Selva', 'Crónica Andina'];

/** Articles as the digest suite makes them: a theme or two, most with a region, spread over 60 days. */
function article(n: number, random: () => number, themes: string[], regions: string[]): Article {
  const feedName = FEEDS[n % FEEDS.length]!;
  const url = `https://${feedName.toLowerCase().replace(/[^a-z]+/g, '-')}.example.pe/nota/${n}`;
  const title = `${PLACES[n % PLACES.length]}: intervienen a implicados en el caso ${n}`;
  const publishedAt = new Date(NOW.getTime() - random() * DAYS * 86_400_000).toISOString();
  const picked = new Set([themes[Math.floor(random() ** 2 * themes.length)]!]);
  if (random() < 0.3) picked.add(themes[Math.floor(random() * themes.length)]!);
  return {
    id: createHash('sha256').update(url).digest('hex').slice(0, 32),
    canonicalUrl: url, title, summary: title, text: title, categories: [], publishedAt, dateSource: 'feed', firstSeenAt: publishedAt,
    feedId: feedName, sources: [{ feedId: feedName, feedName, link: url }],
    themes: [...picked].map((theme) => ({ theme, score: 1 + Math.floor(random() * 12), hits: [{ term: theme, field: 'text', count: 2, snippet: title, source: 'bench' }] })),
    regions: random() < 0.8 ? [regions[Math.floor(random() * regions.length)]!] : [],
    countries: ['PE'],
    lang: 'es',
  };
}

/** All due now: daily at 07:00, or weekly on Monday at 07:00 (Lima); a mix of themes, regions and languages. */
function subscriber(n: number, random: () => number, themes: string[], regions: string[]): Subscriber {
  const some = (ids: string[], k: number) => [...new Set(Array.from({ length: k }, () => ids[Math.floor(random() * ids.length)]!))];
  const weekly = random() < 0.4;
  return {
    ...DEFAULT_PREFERENCES,
    email: `subscriber${n}@bench.invalid`,
    themes: random() < 0.3 ? 'all' : some(themes, 1 + Math.floor(random() * 3)),
    regions: random() < 0.25 ? some(regions, 2) : [],
    cadence: weekly ? 'weekly' : 'daily',
    ...(weekly ? { weekday: 1 as const } : {}),
    hour: 7,
    lang: random() < 0.7 ? 'es' : 'en',
    sendEmpty: true,
    status: 'active',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}


