/** Digests built in memory (pure builder) for mail, rendering and browser tests. */
import { buildDigest } from '../../lambdas/digest/build-digest.ts';
import type { Digest } from '../../lambdas/digest/digest.ts';
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

export function listing(n: number, theme: string, extra: Partial<ListingItem> = {}): ListingItem {
  const hour = String(6 + (n % 17)).padStart(2, '0');
  return {
    articleId: `${theme}-${n}`,
    title: headline(n),
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

/** A day with `perTheme` distinct stories in every test theme, plus a hostile one when asked. */
export function sampleDigest(options: { lang?: Language; perTheme?: number; hostile?: boolean } = {}): Digest {
  const period = periodStarting('daily', '2026-11-20');
  const listingsByTheme = new Map<string, ListingItem[]>();
  for (const theme of CATALOG.themes) {
    const items = Array.from({ length: options.perTheme ?? 4 }, (_, n) => listing(n, theme.id));
    items.push(listing(100, theme.id, { publishedAt: '2026-11-15T15:00:00.000Z' }));
    listingsByTheme.set(theme.id, items);
  }
  if (options.hostile) {
    listingsByTheme.get('extortion')!.push(
      listing(999, 'extortion', { title: HOSTILE_TITLE, url: HOSTILE_URL, feedName: '<b onmouseover=alert(2)>Feed</b>', score: 50 }),
    );
  }
  const digest = buildDigest({
    lang: options.lang ?? 'es',
    period,
    themes: CATALOG.themes,
    regionNames: Object.fromEntries(CATALOG.regions.map((r) => [r.id, r.name])),
    listingsByTheme,
    filters: { regions: [], minScore: 0 },
  });
  if (options.hostile) digest.sections[0]!.stories[0]!.snippet = '"><script>alert(3)</script> javascript:alert(4)';
  return digest;
}
