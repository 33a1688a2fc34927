/**
 * The parse step of poll-feed on one 2,000-item full-content RSS feed (~7.5 MB):
 *  - parse.raw_rss_parser_items_per_s — what a plain rss-parser user does with
 *    the same response body: decode the bytes as UTF-8 (`Buffer#toString`, as
 *    rss-parser's own parseURL does) and `new Parser().parseString` with its
 *    defaults. Until 2026-11-30 (commit 935bc08) it was handed the string
 *    already decoded, so it left out the decode that ours pays (≈ 14 ms of
 *    ≈ 130 here) and its ratios were ≈ 0.15 higher;
 *  - parse.items_per_s — what the poller does: decode the bytes, repair pass,
 *    rss-parser with our custom fields, normalize every item (cheerio text,
 *    dates, canonical URL and id).
 * Same feed, same run; one warm-up each, then 5 rounds that run both in turn
 * (so a burst of load hits both alike), the best round of each counted.
 * Wall-clock figures, and `cpu_` ones from process.cpuUsage (user + system,
 * GC included; time spent waiting for a core not counted, so they hold better
 * on a loaded machine); `*_vs_raw_ratio` is ours over raw in time per item
 * (issue 14's target: at most 1.5).
 */
import Parser from 'rss-parser';
import { decodeBody } from '../../lambdas/feeds/parse/decode-body.ts';
import type { FeedSource } from '../../lambdas/feeds/feed-source.ts';
import { normalizeItem } from '../../lambdas/feeds/normalize/normalize-item.ts';
import { parseFeed } from '../../lambdas/feeds/parse/parse-feed.ts';
import { elapsedMs, type BenchSuite } from '../suite.ts';

const ITEMS = 2_000;
const RUNS = 5;
const NOW = new Date('2026-11-22T17:00:00.000Z');

const PARAGRAPHS = [
  'La Policía Nacional del Perú desarticuló una banda dedicada a la extorsión de transportistas en San Juan de Lurigancho.',
  'Según la Fiscalía, los detenidos exigían el pago de cupos semanales a mototaxistas y comerciantes del mercado.',
  'El INPE informó que dos de los capturados habían salido del penal de Lurigancho hace menos de un año.',
  'En Pataz, la minería ilegal sigue financiando a grupos armados que controlan socavones y rutas de insumos.',
  'Los vecinos denunciaron que la zona no tiene patrullaje y pidieron a la Municipalidad más cámaras de vigilancia.',
];

/** One item's own words: its title and the paragraphs its description and content are made of. */
export interface SyntheticStory {
  title: string;
  paragraphs: readonly string[];
}

/**
 * A synthetic but realistic RSS 2.0 feed: content:encoded with ~3.5 KB of HTML per item (2,000 items ≈ 7.5 MB).
 * By default every item tells all of PARAGRAPHS (three themes, five regions: a kitchen-sink article);
 * `story` gives item n (id = seed × 1,000,000 + n) its own title and paragraphs instead.
 */
export function syntheticFeed(items: number, options: { site?: string; seed?: number; story?: (n: number, id: number) => SyntheticStory } = {}): string {
  const site = options.site ?? 'https://noticias.example.pe';
  const seed = options.seed ?? 0;
  const bodies = new Map<readonly string[], { body: string; extra: string }>();
  const bodyOf = (paragraphs: readonly string[]) => {
    if (!bodies.has(paragraphs)) {
      const body = Array.from({ length: 6 }, (_, i) =>
        `<p>${paragraphs[i % paragraphs.length]} <a href="${site}/tema/${i}">Más</a> ${paragraphs[(i + 2) % paragraphs.length]}</p>` +
        `<figure><img src="${site}/img/${i}.jpg"/><figcaption>Foto: archivo</figcaption></figure>`,
      ).join('');
      bodies.set(paragraphs, { body, extra: body.slice(0, Math.floor(body.length * 0.45)).replace(/<[^>]*$/, '') });
    }
    return bodies.get(paragraphs)!;
  };
  const entries: string[] = [];
  for (let n = 0; n < items; n++) {
    const id = seed * 1_000_000 + n;
    const date = new Date(NOW.getTime() - n * 600_000).toUTCString();
    const story = options.story?.(n, id);
    const title = story?.title ?? `Operativo ${id}: capturan a presuntos extorsionadores en Lima &amp; Callao`;
    const { body, extra } = bodyOf(story?.paragraphs ?? PARAGRAPHS);
    entries.push(
      `<item><title>${title}</title>` +
        `<link>${site}/policiales/2026/11/operativo-${id}?utm_source=rss&amp;utm_medium=feed</link>` +
        `<guid isPermaLink="false">nota-${id}</guid><pubDate>${date}</pubDate>` +
        `<dc:creator>Redacción Policiales</dc:creator><category>Policiales</category><category>Lima</category>` +
        `<description><![CDATA[<p>${story?.paragraphs[0] ?? PARAGRAPHS[n % PARAGRAPHS.length]}</p>]]></description>` +
        `<content:encoded><![CDATA[${body}${extra}<script>track(${id})</script>]]></content:encoded>` +
        `<media:content url="${site}/img/${id}.jpg" medium="image"/></item>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel>` +
    `<title>Noticias (bench)</title><link>${site}/</link><description>bench</description>${entries.join('')}</channel></rss>`
  );
}

const FEED: FeedSource = { id: 'bench', name: 'Bench', url: 'https://noticias.example.pe/rss', lang: 'es', fullText: false };

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed(run: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: elapsedMs(started), cpuMs: (used.user + used.system) / 1000 };
}

/** Best wall-clock and best CPU time of each, over RUNS rounds that alternate them, after one warm-up each. */
async function bestOfRounds(runs: (() => Promise<void>)[]): Promise<Timing[]> {
  for (const run of runs) await run();
  const best = runs.map(() => ({ wallMs: Infinity, cpuMs: Infinity }));
  for (let round = 0; round < RUNS; round++) {
    for (const [index, run] of runs.entries()) {
      const timing = await timed(run);
      best[index]!.wallMs = Math.min(best[index]!.wallMs, timing.wallMs);
      best[index]!.cpuMs = Math.min(best[index]!.cpuMs, timing.cpuMs);
    }
  }
  return best;
}

export default {
  name: 'parse',
  async run() {
    const xml = syntheticFeed(ITEMS);
    const bytes = Buffer.from(xml, 'utf8');
    console.log(`parse: ${ITEMS} items, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

    const [raw, ours] = await bestOfRounds([
      async () => {
        const feed = await new Parser().parseString(bytes.toString('utf8'));
        if (feed.items.length !== ITEMS) throw new Error(`bench: rss-parser read ${feed.items.length} items`);
      },
      async () => {
        const parsed = await parseFeed(decodeBody(bytes, 'application/rss+xml').text, FEED.url);
        let ok = 0;
        for (const item of parsed.items) if (normalizeItem(item, FEED, FEED.url, NOW).ok) ok++;
        if (ok !== ITEMS) throw new Error(`bench: normalized ${ok} of ${ITEMS} items`);
      },
    ]);
    const perSecond = (ms: number) => Math.round(ITEMS / (ms / 1000));

    return {
      'parse.items_per_s': perSecond(ours!.wallMs),
      'parse.raw_rss_parser_items_per_s': perSecond(raw!.wallMs),
      'parse.vs_raw_ratio': Math.round((ours!.wallMs / raw!.wallMs) * 100) / 100,
      'parse.cpu_items_per_s': perSecond(ours!.cpuMs),
      'parse.raw_rss_parser_cpu_items_per_s': perSecond(raw!.cpuMs),
      'parse.cpu_vs_raw_ratio': Math.round((ours!.cpuMs / raw!.cpuMs) * 100) / 100,
      'parse.feed_mb': Math.round((bytes.length / 1024 / 1024) * 10) / 10,
    };
  },
} satisfies BenchSuite;
