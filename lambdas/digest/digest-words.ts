/** The digest's fixed wording in Spanish and English. */
import type { Language } from '../model/article.ts';
import type { Period } from './period.ts';

export const WORDS = {
  es: {
    daily: 'Resumen diario',
    weekly: 'Resumen semanal',
    days: (n: number) => `Resumen de ${n} días`,
    articles: (n: number) => (n === 1 ? '1 artículo' : `${n} artículos`),
    none: 'sin artículos',
    empty: 'No hubo artículos que coincidan con sus temas en este periodo.',
    countsHeading: 'Este periodo frente al anterior',
    chartHeading: 'Últimos 14 días',
    previous: 'antes',
    alsoIn: 'También en',
    more: (n: number) => (n === 1 ? '1 noticia más' : `${n} noticias más`),
    seeAll: 'para verlas todas',
    why: 'Por qué',
    unsubscribe: 'Darse de baja',
    footer: 'Recibe este correo porque se suscribió a Centinela.',
    settings: (themes: string) => `Temas: ${themes}`,
  },
  en: {
    daily: 'Daily digest',
    weekly: 'Weekly digest',
    days: (n: number) => `${n}-day digest`,
    articles: (n: number) => (n === 1 ? '1 article' : `${n} articles`),
    none: 'no articles',
    empty: 'No articles matched your themes in this period.',
    countsHeading: 'This period against the previous one',
    chartHeading: 'Last 14 days',
    previous: 'before',
    alsoIn: 'Also in',
    more: (n: number) => (n === 1 ? '1 more story' : `${n} more stories`),
    seeAll: 'to see them all',
    why: 'Why',
    unsubscribe: 'Unsubscribe',
    footer: 'You receive this email because you subscribed to Centinela.',
    settings: (themes: string) => `Themes: ${themes}`,
  },
} satisfies Record<Language, unknown>;

/** "Resumen diario", "Weekly digest", or "14-day digest" for a preview of another length. */
export function digestTitle(period: Period, lang: Language): string {
  const words = WORDS[lang];
  const standard = period.cadence === 'daily' ? 1 : 7;
  return period.days.length === standard ? words[period.cadence] : words.days(period.days.length);
}

const dayFormat = (lang: Language, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(lang === 'es' ? 'es-PE' : 'en-GB', { timeZone: 'UTC', ...options });

/** "21 nov 2026" or "15 nov 2026 – 21 nov 2026" (Lima days, so formatted as plain dates). */
export function periodLabel(period: Period, lang: Language): string {
  const format = (day: string) => dayFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
  const first = period.days[0]!;
  const last = period.days[period.days.length - 1]!;
  return first === last ? format(first) : `${format(first)} – ${format(last)}`;
}

/** Day of month for chart labels. */
export function dayOfMonth(day: string): string {
  return String(Number(day.slice(8, 10)));
}

/** "+3", "−2" or "=" */
export function delta(count: number, previous: number): string {
  const d = count - previous;
  return d === 0 ? '=' : d > 0 ? `+${d}` : `−${-d}`;
}
