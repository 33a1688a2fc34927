/**
 * Digest build time: 100 subscribers (daily and weekly, all themes or a few,
 * some with regions or a minimum score) over 20,000 stored articles on
 * DynamoDB Local — every Query, GetItem, clustering and rendering included,
 * one digest reader for the run as the send-digests job uses. Also the HTML
 * size of the largest digest, which must stay under Gmail's clipping limit.
 */
import { createHash } from 'node:crypto';
import { composeDigestMail } from '../../lambdas/digest/digest-mail.ts';
import { createDigestReader } from '../../lambdas/digest/load-digest.ts';
import { periodBefore } from '../../lambdas/digest/period.ts';
import type { Article } from '../../lambdas/model/article.ts';
import { articleItem, indexItems } from '../../lambdas/store/article-items.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { DEFAULT_PREFERENCES, type Subscriber } from '../../lambdas/subscribers/subscriber.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { connectStores, localClient } from '../../bin/local/local-context.ts';
import { startDynamoDbLocal } from '../../bin/local/dynamodb-local.ts';
import { elapsedMs, seededRandom, seedItems, type BenchSuite } from '../suite.ts';

const ARTICLES = 20_000;
const SUBSCRIBERS = 100;
const DAYS = 60;
const NOW = new Date('2026-11-23T13:00:00.000Z'); // Monday 08:00 in Lima
const RETENTION_DAYS = 400;

export default {
  name: 'digest',
  async run() {
    const db = await startDynamoDbLocal();
    try {
      const names = tableNamesWithPrefix('bench');
      const stores = await connectStores(localClient(db.endpoint), names, RETENTION_DAYS);
      await createTables(stores.client, names);
      const tagger = loadTagger();
      const random = seededRandom(2026);

      const seedStart = performance.now();
      const items = Array.from({ length: ARTICLES }, (_, n) => makeArticle(n, random, tagger.themes.map((t) => t.id), tagger.regions.map((r) => r.id)))
        .flatMap((article) => [articleItem(article, RETENTION_DAYS), ...indexItems(article, RETENTION_DAYS)]);
      await seedItems(stores.doc, names.articles, items);
      const seedMs = elapsedMs(seedStart);
      console.log(`  seeded ${ARTICLES} articles (${items.length} items) in ${(seedMs / 1000).toFixed(1)} s`);

      const subscribers = Array.from({ length: SUBSCRIBERS }, (_, n) => makeSubscriber(n, random, tagger.themes.map((t) => t.id), tagger.regions.map((r) => r.id)));
      const start = performance.now();
      const reader = createDigestReader(stores.articles, tagger);
      let maxHtml = 0;
      let stories = 0;
      for (const subscriber of subscribers) {
        const period = periodBefore(subscriber.cadence, NOW);
        const digest = await reader.read(subscriber, period);
        const mail = await composeDigestMail({
          digest, to: subscriber.email, from: 'Centinela <digest@bench.invalid>', now: NOW,
          unsubscribe: { baseUrl: 'https://unsubscribe.bench.invalid/', signingKey: 'bench-signing-key-0123456789' },
        });
        maxHtml = Math.max(maxHtml, mail.encodedHtmlBytes);
        stories += digest.sections.reduce((n, s) => n + s.stories.length, 0);
      }
      const buildMs = elapsedMs(start);
      stores.client.destroy();
      return {
        'digest.build_100_ms': buildMs,
        'digest.max_encoded_html_kb': Math.round((maxHtml / 1024) * 10) / 10,
        'digest.stories_per_digest': Math.round(stories / SUBSCRIBERS),
        'digest.seed_items_per_s': Math.round(items.length / (seedMs / 1000)),
      };
    } finally {
      await db.stop();
    }
  },
} satisfies BenchSuite;

const PLACES = ['Ate', 'Comas', 'Trujillo', 'Piura', 'Chiclayo', 'Tumbes', 'Pataz', 'Juliaca', 'Huánuco', 'Iquitos', 'Callao', 'Arequipa', 'Cusco', 'Pucallpa', 'Tacna', 'Ayacucho', 'Chimbote', 'Huancayo', 'Puno', 'Tarapoto'];
const ACTS = ['detienen', 'denuncian', 'investigan', 'allanan', 'capturan', 'liberan', 'procesan', 'interrogan', 'sentencian', 'rescatan', 'identifican', 'desarticulan', 'intervienen'];
const WHO = ['comerciantes', 'transportistas', 'funcionarios', 'policías', 'mineros', 'internos', 'fiscales', 'alcaldes', 'choferes', 'agricultores', 'empresarios', 'cobradores'];
const WHAT = ['cupos', 'sobornos', 'explosivos', 'celulares', 'dragas', 'insumos', 'armas', 'mercurio', 'motores', 'documentos', 'vehículos', 'dinero', 'hoja de coca', 'madera'];
const FEEDS = ['El Vigía', 'Diario del Sur', 'Andes Security Monitor', 'La Voz del Norte', 'Radio Selva', 'Crónica Andina'];

function makeArticle(n: number, random: () => number, themes: string[], regions: string[]): Article {
  // A sixth of the articles retell an earlier story from another outlet, a few hours later.
  const retelling = n > 10 && random() < 1 / 6;
  const story = retelling ? n - 1 - Math.floor(random() * 10) : n;
  const title = `${PLACES[story % PLACES.length]}: ${ACTS[(story * 7) % ACTS.length]} ${WHO[(story * 5) % WHO.length]} por ${WHAT[(story * 3) % WHAT.length]} en operativo ${story}`;
  const feedName = FEEDS[(n + (retelling ? 1 : 0)) % FEEDS.length]!;
  const publishedAt = new Date(NOW.getTime() - random() * DAYS * 86_400_000).toISOString();
  const url = `https://${feedName.toLowerCase().replace(/[^a-z]+/g, '-')}.example.pe/nota/${n}`;
  const picked = new Set([themes[Math.floor(random() ** 2 * themes.length)]!]);
  if (random() < 0.3) picked.add(themes[Math.floor(random() * themes.length)]!);
  const place = regions[Math.floor(random() * regions.length)]!;
  const text = `${title}. La Fiscalía informó que el caso ${story} sigue en investigación y que habrá más intervenciones en la zona.`;
  return {
    id: createHash('sha256').update(url).digest('hex').slice(0, 32),
    canonicalUrl: url, title, summary: text, text, categories: [], publishedAt, dateSource: 'feed', firstSeenAt: publishedAt,
    feedId: feedName, sources: [{ feedId: feedName, feedName, link: url }],
    themes: [...picked].map((theme) => ({
      theme,
      score: 1 + Math.floor(random() * 12),
      hits: [{ term: theme, field: 'text', count: 2, snippet: text.slice(0, 140), source: 'bench' }],
    })),
    regions: random() < 0.8 ? [place] : [],
    countries: ['PE'],
    lang: 'es',
  };
}

function makeSubscriber(n: number, random: () => number, themes: string[], regions: string[]): Subscriber {
  const some = (ids: string[], k: number) => [...new Set(Array.from({ length: k }, () => ids[Math.floor(random() * ids.length)]!))];
  return {
    ...DEFAULT_PREFERENCES,
    email: `subscriber${n}@bench.invalid`,
    themes: random() < 0.3 ? 'all' : some(themes, 1 + Math.floor(random() * 3)),
    regions: random() < 0.25 ? some(regions, 2) : [],
    cadence: random() < 0.6 ? 'daily' : 'weekly',
    lang: random() < 0.7 ? 'es' : 'en',
    minScore: random() < 0.3 ? 3 : 0,
    status: 'active',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}


