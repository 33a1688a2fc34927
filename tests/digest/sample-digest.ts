/** Digests built in memory (pure builder) for mail, rendering and browser tests. */
import { buildDigest } from '../../lambdas/digest/build-digest.ts';
import type { Digest, StoryDetails } from '../../lambdas/digest/digest.ts';
import { periodStarting } from '../../lambdas/digest/period.ts';
import type { Language } from '../../lambdas/model/article.ts';
import type { ListingItem } from '../../lambdas/store/article-store.ts';
import { CATALOG } from './make-article.ts';

export const HOSTILE_TITLE = '<script>alert("x")</script><img src=x onerror=alert(1)> Extorsión en Ate';
export const HOSTILE_URL = 'javascript:alert(document.cookie)';

const PLACES = ['Ate', 'Comas', 'Trujillo', 'Piura', 'Chiclayo', 'Tumbes', 'Pataz', 'Juliaca', 'Huánuco', 'Iquitos', 'Callao', 'Arequipa', 'Cusco'];
const ACTS = ['detienen', 'denuncian', 'investigan', 'allanan', 'capturan', 'liberan', 'procesan', 'interrogan', 'sentencian', 'rescatan', 'identifican'];
const WHO = ['comerciantes', 'transportistas', 'funcionarios', 'policías', 'mineros', 'internos', 'fiscales', 'alcaldes', 'choferes', 'agricultores'];
const WHAT = ['cupos', 'sobornos', 'explosivos', 'celulares', 'dragas', 'insumos', 'armas', 'mercurio', 'motores', 'documentos', 'vehículos', 'dinero'];

/** A distinct, realistic-looking headline per n (no two share more than a few words). */
export function headline(n: number): string {
  return `${PLACES[n % PLACES.length]}: ${ACTS[(n * 3) % ACTS.length]} ${WHO[(n * 7) % WHO.length]} por ${WHAT[(n * 5) % WHAT.length]} (caso ${n})`;
}

/** Story n of a theme; headlines differ across themes too (case numbers 3n, 3n+1, 3n+2 by theme). */
export function listing(n: number, theme: string, extra: Partial<ListingItem> = {}): ListingItem {
  const hour = String(6 + (n % 17)).padStart(2, '0');
  const offset = Math.max(0, CATALOG.themes.findIndex((t) => t.id === theme));
  return {
    articleId: `${theme}-${n}`,
    title: headline(n * 3 + offset),
    url: `https://noticias.example.pe/${theme}/${n}?utm=${n}&ref=rss`,
    feedName: `Diario ${n % 5}`,
    publishedAt: `2026-11-20T${hour}:${String(n % 60).padStart(2, '0')}:00.000Z`,
    score: 1 + (n % 9),
    themes: [theme],
    regions: n % 2 ? ['lima'] : ['la-libertad', 'puno'],
    countries: ['PE'],
    ...extra,
  };
}

/**
 * A day with `perTheme` distinct stories in every test theme, plus a hostile one when asked.
 * Every fourth extortion story is also a prisons story (same article in both
 * index partitions); every fifth story of a theme was also run by a second
 * outlet (a copy of the title with a suffix, another feed); every story has a
 * lede and a "why" snippet with the matched term.
 */
export function sampleDigest(options: { lang?: Language; perTheme?: number; hostile?: boolean } = {}): Digest {
  const period = periodStarting('daily', '2026-11-20');
  const listingsByTheme = new Map<string, ListingItem[]>();
  const details = new Map<string, StoryDetails>();
  for (const theme of CATALOG.themes) {
    const items = Array.from({ length: options.perTheme ?? 4 }, (_, n) => listing(n, theme.id));
    for (const item of items.filter((_, n) => n % 5 === 0)) {
      items.push({ ...item, articleId: `${item.articleId}-copy`, title: `${item.title} (video)`, feedName: 'Radio Copia', url: `${item.url}&copy=1`, score: item.score - 0.5 });
    }
    items.push(listing(100, theme.id, { publishedAt: '2026-11-15T15:00:00.000Z' }));
    listingsByTheme.set(theme.id, items);
  }
  const extortion = listingsByTheme.get('extortion')!;
  listingsByTheme.get('prisons')!.push(...extortion.filter((_, n) => n % 4 === 1).map((item) => ({ ...item, score: item.score / 2, themes: ['extortion', 'prisons'] })));
  if (options.hostile) {
    extortion.push(listing(999, 'extortion', { title: HOSTILE_TITLE, url: HOSTILE_URL, feedName: '<b onmouseover=alert(2)>Feed</b>', score: 50 }));
  }
  for (const items of listingsByTheme.values()) {
    for (const item of items) {
      details.set(item.articleId, {
        lede: `${item.title.split(':')[1]?.trim() ?? item.title}, según la fiscalía. Más detalles en la nota.`,
        why: Object.fromEntries(item.themes.map((t) => [t, { snippet: `… los ${WHO[0]} denunciaron el cobro de cupos en ${PLACES[0]} …`, term: 'cobro de cupos' }])),
        sources: [{ feedName: item.feedName, url: item.url }],
      });
    }
  }
  if (options.hostile) {
    details.set('extortion-999', {
      lede: 'Primera frase\u0085con un control C1. Segunda frase.',
      why: { extortion: { snippet: '"><script>alert(3)</script> javascript:alert(4)', term: 'script' } },
      sources: [],
    });
  }
  return buildDigest({
    lang: options.lang ?? 'es',
    period,
    themes: CATALOG.themes,
    regionNames: Object.fromEntries(CATALOG.regions.map((r) => [r.id, r.name])),
    listingsByTheme,
    details,
    filters: { regions: [], minScore: 0 },
  });
}
