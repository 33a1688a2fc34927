import type { Digest } from './digest.ts';
import { WORDS, delta, periodLabel } from './digest-words.ts';

const MAX_THEMES_IN_SUBJECT = 3;

/** "Centinela · 21 nov 2026: 12 artículos — Extorsión 7 (+3), Cárceles 4 (=) …" */
export function subjectLine(digest: Omit<Digest, 'subject'>): string {
  const words = WORDS[digest.lang];
  const head = `Centinela · ${periodLabel(digest.period, digest.lang)}`;
  if (digest.totalArticles === 0) return `${head}: ${words.none}`;
  const busiest = digest.counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const shown = busiest.slice(0, MAX_THEMES_IN_SUBJECT).map((c) => `${c.label} ${c.count} (${delta(c.count, c.previous)})`);
  const rest = busiest.length > MAX_THEMES_IN_SUBJECT ? ' …' : '';
  return `${head}: ${words.articles(digest.totalArticles)} — ${shown.join(', ')}${rest}`;
}
