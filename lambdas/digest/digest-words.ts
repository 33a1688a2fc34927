/** The digest's fixed wording in Spanish and English, and how it writes times and numbers. */
import type { Language } from '../model/article.ts';
import type { Period } from './period.ts';

const NBSP = '\u00a0';

export const WORDS = {
  es: {
    daily: 'Resumen diario',
    weekly: 'Resumen semanal',
    days: (n: number) => `Resumen de ${n} días`,
    stories: (n: number) => (n === 1 ? '1 noticia' : `${n} noticias`),
    outlets: (n: number) => (n === 1 ? '1 medio' : `${n}${NBSP}medios`),
    none: 'sin noticias',
    empty: 'No hubo noticias que coincidan con sus temas en este periodo.',
    top: 'Lo principal',
    changesHeading: 'Qué cambió frente al periodo anterior',
    unchanged: 'Sin cambios',
    noChanges: 'Ningún tema cambió frente al periodo anterior.',
    spike: 'pico',
    spikeRegions: 'Picos por región',
    spikeWhy: (count: number, mean: string) => `${count} hoy; media de los 28 días anteriores: ${mean}`,
    chartHeading: (weekly: boolean) => (weekly ? 'Noticias por semana (últimas 12 semanas)' : 'Noticias por día (últimos 14 días)'),
    chartMax: (n: number) => `máximo ${n}`,
    regionsHeading: 'Regiones con más noticias',
    region: 'Región',
    thisPeriod: 'Ahora',
    previous: 'antes',
    elsewhere: (n: number) => (n === 1 ? '+1 en otra sección' : `+${n} en otras secciones`),
    alsoIn: 'También en',
    more: (n: number) => (n === 1 ? '1 noticia más' : `${n} noticias más`),
    seeAll: 'para verlas todas',
    trimmed: (n: number) => `Por el tamaño del correo se omitieron ${n === 1 ? '1 noticia' : `${n} noticias`}; al final de cada sección se indica cuántas y cómo verlas.`,
    why: 'Por qué',
    limaTime: 'hora de Lima',
    unsubscribe: 'Darse de baja',
    footer: 'Recibe este correo porque se suscribió a Centinela.',
  },
  en: {
    daily: 'Daily digest',
    weekly: 'Weekly digest',
    days: (n: number) => `${n}-day digest`,
    stories: (n: number) => (n === 1 ? '1 story' : `${n} stories`),
    outlets: (n: number) => (n === 1 ? '1 outlet' : `${n}${NBSP}outlets`),
    none: 'no stories',
    empty: 'No stories matched your themes in this period.',
    top: 'Top stories',
    changesHeading: 'What changed since the previous period',
    unchanged: 'Unchanged',
    noChanges: 'No theme changed since the previous period.',
    spike: 'spike',
    spikeRegions: 'Spikes by region',
    spikeWhy: (count: number, mean: string) => `${count} today; mean of the previous 28 days: ${mean}`,
    chartHeading: (weekly: boolean) => (weekly ? 'Stories per week (last 12 weeks)' : 'Stories per day (last 14 days)'),
    chartMax: (n: number) => `max ${n}`,
    regionsHeading: 'Regions with most stories',
    region: 'Region',
    thisPeriod: 'Now',
    previous: 'before',
    elsewhere: (n: number) => `+${n} in other sections`,
    alsoIn: 'Also in',
    more: (n: number) => (n === 1 ? '1 more story' : `${n} more stories`),
    seeAll: 'to see them all',
    trimmed: (n: number) => `To keep this email whole, ${n === 1 ? '1 story was' : `${n} stories were`} left out; each section ends with how many and how to see them.`,
    why: 'Why',
    limaTime: 'Lima time',
    unsubscribe: 'Unsubscribe',
    footer: 'You receive this email because you subscribed to Centinela.',
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

/** "16/11": a chart date. */
export function shortDay(day: string): string {
  return `${Number(day.slice(8, 10))}/${day.slice(5, 7)}`;
}

/** "+3", "−2" or "=" */
export function delta(count: number, previous: number): string {
  const d = count - previous;
  return d === 0 ? '=' : d > 0 ? `+${d}` : `−${-d}`;
}

/** "0,4" / "0.4": one decimal in the reader's convention. */
export function decimal(value: number, lang: Language): string {
  return value.toFixed(1).replace('.', lang === 'es' ? ',' : '.');
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * When a story was published, in Lima: "08:05 a. m. (hora de Lima)" with
 * non-breaking spaces inside "08:05 a. m." so "a. m." never wraps alone; with
 * the day in front ("sáb 21 nov, …") when the period spans several days.
 */
export function storyTime(iso: string, lang: Language, withDay: boolean): string {
  const key = `${lang}|${withDay}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'es' ? 'es-PE' : 'en-GB', {
      timeZone: 'America/Lima',
      hour: '2-digit',
      minute: '2-digit',
      ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    });
    clockFormats.set(key, format);
  }
  const time = format.format(new Date(iso)).replace(/(\d\d:\d\d)\s+(a|p)\.\s*m\./g, `$1${NBSP}$2.${NBSP}m.`);
  return `${time} (${WORDS[lang].limaTime})`;
}
