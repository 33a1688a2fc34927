import type { Digest } from './digest.ts';
import { WORDS, delta, periodLabel } from './digest-words.ts';

const MAX_THEMES_IN_SUBJECT = 3;

/** "Centinela · 21 nov 2026: 12 noticias — Extorsión 7 (+3), Cárceles 4 (=) …" (counts of stories). */
export function subjectLine(digest: Pick<Digest, 'lang' | 'period' | 'totalStories' | 'counts'>): string {
  const words = WORDS[digest.lang];
  const head = `Centinela · ${periodLabel(digest.period, digest.lang)}`;
  if (digest.totalStories === 0) return `${head}: ${words.none}`;
  const busiest = digest.counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const shown = busiest.slice(0, MAX_THEMES_IN_SUBJECT).map((c) => `${c.label} ${c.count} (${delta(c.count, c.previous)})`);
  const rest = busiest.length > MAX_THEMES_IN_SUBJECT ? ' …' : '';
  return `${head}: ${words.stories(digest.totalStories)} — ${shown.join(', ')}${rest}`;
}
