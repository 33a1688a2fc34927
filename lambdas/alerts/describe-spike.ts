/** A spike in words, for mail and chat messages (pure; Spanish or English). */
import type { Language } from '../model/article.ts';
import { cleanText } from '../digest/clean-text.ts';
import { decimal } from '../digest/digest-words.ts';
import type { Spike } from './find-spikes.ts';

export interface SpikeLabels {
  themes: Record<string, string>;
  regions: Record<string, string>;
}

export interface SpikeText {
  /** "Pico: Extorsión en La Libertad — 5 noticias en 24 h" */
  headline: string;
  /** "Media de los 28 días anteriores 0,4 (desviación 0,6): umbral 2,2; serie …" */
  explanation: string;
  /** One line per story: "Title — Outlet (2 medios)". */
  stories: { text: string; url: string }[];
}

export function describeSpike(spike: Spike, labels: SpikeLabels, lang: Language = 'es', k = 3): SpikeText {
  const theme = labels.themes[spike.theme] ?? spike.theme;
  const place = spike.region ? (labels.regions[spike.region] ?? spike.region) : undefined;
  const n = (value: number) => decimal(value, lang);
  const es = lang === 'es';
  const what = place ? (es ? `${theme} en ${place}` : `${theme} in ${place}`) : theme;
  const count = es ? `${spike.count} ${spike.count === 1 ? 'noticia' : 'noticias'} en 24 h` : `${spike.count} ${spike.count === 1 ? 'story' : 'stories'} in 24 h`;
  const series = spike.series.join(' ');
  return {
    headline: `${es ? 'Pico' : 'Spike'}: ${what} — ${count}`,
    explanation: es
      ? `Media de los 28 días anteriores ${n(spike.mean)} (desviación ${n(spike.sd)}); umbral ${n(spike.threshold)} = media + ${k} × desviación. Serie diaria, hoy al final: ${series}.`
      : `Mean of the previous 28 days ${n(spike.mean)} (sd ${n(spike.sd)}); threshold ${n(spike.threshold)} = mean + ${k} × sd. Daily series, today last: ${series}.`,
    stories: spike.stories.map((s) => ({
      text: `${cleanText(s.title)} — ${cleanText(s.feedName)}${s.outlets > 1 ? (es ? ` (${s.outlets} medios)` : ` (${s.outlets} outlets)`) : ''}`,
      url: s.url,
    })),
  };
}
