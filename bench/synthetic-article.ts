/** Synthetic tagged articles for the store benches (the store suite and DynamoDB Local's warm-up). */
import type { Article } from '../lambdas/model/article.ts';
import { newsText } from './news-text.ts';

const DAYS = 120;
const THEMES = ['extortion', 'illegal_mining', 'prisons', 'coca', 'corruption', 'police_violence'];
const REGIONS = ['lima', 'callao', 'la-libertad', 'trujillo', 'pataz', 'piura', 'puno', 'vraem', 'madre-de-dios'];
const FEEDS = ['larepublica', 'elcomercio', 'rpp', 'infobae', 'ojo-publico', 'convoca'];

/**
 * Article number `n` (its id is n in hex), drawn with `next` (bench/suite.ts's
 * seededRandom): published in the DAYS days before `now` (ms since the epoch),
 * one or two themes, zero to two regions, a feed, and varied text of real
 * length (tagging-dev: median 1,597 characters) so that its compressed body
 * packs as real text does. Synthetic but shaped like a real tagged article.
 */
export function syntheticArticle(n: number, next: () => number, now: number): Article {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const publishedAt = new Date(now - Math.floor(next() * DAYS * 86_400_000)).toISOString();
  const themes = [...new Set([pick(THEMES), ...(next() < 0.3 ? [pick(THEMES)] : [])])];
  const regions = [...new Set(Array.from({ length: Math.floor(next() * 3) }, () => pick(REGIONS)))];
  const feedId = pick(FEEDS);
  const url = `https://${feedId}.example.pe/policiales/2026/nota-${n}-operativo-contra-bandas-criminales`;
  // Varied text of real length (tagging-dev: median 1,597 characters), so `body` packs as real text does.
  const text = newsText(next, 800 + Math.floor(next() * 1_600));
  const snippet = () => {
    const at = Math.floor(next() * (text.length - 60));
    return `…${text.slice(at, at + 60)}…`;
  };
  return {
    id: n.toString(16).padStart(32, '0'),
    canonicalUrl: url,
    title: `Policía desarticula banda dedicada a la ${themes[0]} en ${regions[0] ?? 'el país'} (${n})`,
    summary: text.slice(0, 200 + Math.floor(next() * 200)),
    text,
    categories: ['Policiales'],
    publishedAt,
    dateSource: 'feed',
    firstSeenAt: publishedAt,
    feedId,
    sources: [{ feedId, feedName: feedId, link: url }],
    themes: themes.map((theme, i) => ({
      theme,
      score: Math.round((12 - i * 4 + next() * 3) * 10) / 10,
      hits: Array.from({ length: 1 + Math.floor(next() * 4) }, (_, h) => ({
        term: `${theme} ${h}`,
        field: h === 0 ? ('title' as const) : ('text' as const),
        count: 1 + Math.floor(next() * 3),
        snippet: snippet(),
        source: `${theme}.md`,
      })),
    })),
    regions,
    countries: ['PE'],
    lang: 'es',
  };
}
