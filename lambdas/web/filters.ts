/**
 * The timeline's filters, from query parameters to a checked value. Pure.
 * Every value is checked against what exists (theme and region ids from the
 * rules, outlet ids from the feed list, ISO country codes, the period
 * presets), and a bad one becomes a FilterError whose message lists the valid
 * values, answered as 400 by the app.
 */
import type { TimeRange } from '../store/article-store.ts';
import type { Lang } from './i18n.ts';

export const PERIODS = ['1d', '7d', '30d', '90d', '365d'] as const;
export type PeriodId = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: PeriodId = '30d';
const PERIOD_DAYS: Record<PeriodId, number> = { '1d': 1, '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

/** Pages are 1-based; deeper pages cost more reads, so they stop here. */
export const MAX_PAGE = 50;
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;
/** Longer search texts are refused: a phrase this long finds nothing a shorter one misses. */
export const MAX_TEXT_LENGTH = 100;

export interface TimelineFilter {
  theme?: string;
  region?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** A feed id from the feed list (the outlet). */
  feed?: string;
  period: PeriodId;
  text?: string;
  page: number;
  limit: number;
}

export interface FilterCatalog {
  themes: { id: string }[];
  regions: { id: string }[];
  feeds: { id: string }[];
}

/**
 * A bad parameter, said in both of the web app's languages: the page shows the
 * reader's language, and the message (English) is what /feed/ answers and logs
 * keep. Build it with filterError or unknownValue so no site forgets one.
 */
export class FilterError extends Error {
  override name = 'FilterError';
  readonly kind = 'filter';
  constructor(readonly texts: Record<Lang, string>) {
    super(texts.en);
  }
  /** The message in `lang`. */
  in(lang: Lang): string {
    return this.texts[lang];
  }
}

/** The web app's names for what a parameter or a path names, with the Spanish phrase for "unknown …" (gender agrees). */
const UNKNOWN_ES = {
  theme: 'tema desconocido',
  region: 'región desconocida',
  outlet: 'medio desconocido',
  period: 'periodo desconocido',
  country: 'país desconocido',
  language: 'idioma desconocido',
} as const;

/** `unknown <what> "<value>". Valid <what>s: …` in both languages. */
export function unknownValue(what: keyof typeof UNKNOWN_ES, value: string, valid: string, validEs = valid): Record<Lang, string> {
  return {
    en: `unknown ${what} "${value}". Valid ${what === 'country' ? 'countries' : `${what}s`}: ${valid}.`,
    es: `${UNKNOWN_ES[what]} "${value}". Valores válidos: ${validEs}.`,
  };
}

/** The parameters the timeline and the feeds out take; anything else is ignored (as trackers' utm_* are). */
export const FILTER_PARAMS = ['theme', 'region', 'country', 'feed', 'period', 'q', 'page', 'limit'] as const;

/**
 * The timeline's filter from the request's query parameters (each one value or the list of its values,
 * as Hono's `queries()` gives them), checked against the catalog's themes, regions and outlets.
 * Throws FilterError, naming the parameter and the valid values, for an unknown value, a number out
 * of range, a search text over MAX_TEXT_LENGTH characters, or a filter given more than once.
 */
export function parseTimelineFilter(params: Record<string, string | readonly string[] | undefined>, catalog: FilterCatalog): TimelineFilter {
  const value = (name: string) => {
    const v = onlyValue(params[name], name)?.trim();
    return v ? v : undefined;
  };
  const oneOf = (name: string, label: keyof typeof UNKNOWN_ES, valid: string[]) => {
    const v = value(name);
    if (v === undefined || valid.includes(v)) return v;
    throw new FilterError(unknownValue(label, v, valid.join(', ')));
  };
  const country = value('country');
  if (country !== undefined && !isAssignedCountryCode(country.toUpperCase())) {
    throw new FilterError(unknownValue('country', country, COUNTRY_HINT, COUNTRY_HINT_ES));
  }
  const text = value('q');
  if (text !== undefined && text.length > MAX_TEXT_LENGTH) {
    throw new FilterError({
      en: `the search text has ${text.length} characters; at most ${MAX_TEXT_LENGTH} are searched. Shorten it.`,
      es: `el texto de búsqueda tiene ${text.length} caracteres; se buscan como máximo ${MAX_TEXT_LENGTH}. Acórtelo.`,
    });
  }
  return {
    theme: oneOf('theme', 'theme', catalog.themes.map((t) => t.id)),
    region: oneOf('region', 'region', catalog.regions.map((r) => r.id)),
    country: country?.toUpperCase(),
    feed: oneOf('feed', 'outlet', catalog.feeds.map((f) => f.id)),
    period: (oneOf('period', 'period', [...PERIODS]) as PeriodId | undefined) ?? DEFAULT_PERIOD,
    text,
    page: wholeNumber(value('page'), 'page', 1, MAX_PAGE, 1),
    limit: wholeNumber(value('limit'), 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT),
  };
}

const COUNTRY_HINT = 'ISO 3166-1 alpha-2 codes such as PE (Peru), EC (Ecuador), CO (Colombia), BO (Bolivia), CL (Chile), BR (Brazil)';
const COUNTRY_HINT_ES = 'códigos ISO 3166-1 alfa-2 como PE (Perú), EC (Ecuador), CO (Colombia), BO (Bolivia), CL (Chile), BR (Brasil)';

/**
 * The assigned ISO 3166-1 alpha-2 codes, as the CLI's table lists them (i18n-iso-countries,
 * lambdas/model/country-codes.ts): about 750 bytes here instead of that package's tables in the
 * web bundle, and the same answer on every runtime. tests/web/filters.test.ts compares the two.
 */
const ASSIGNED_CODES = new Set(
  [
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ',
    'BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR',
    'CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR',
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU',
    'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ',
    'LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ',
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF',
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI',
    'SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR',
    'TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW',
  ]
    .join(' ')
    .split(' '),
);

/** True for an assigned ISO 3166-1 alpha-2 code in upper case, the same answer as the CLI's isCountryCode. */
export function isAssignedCountryCode(code: string): boolean {
  return ASSIGNED_CODES.has(code);
}

/** A parameter's one value; a filter given twice (`?theme=a&theme=b`) is refused rather than half read. */
function onlyValue(given: string | readonly string[] | undefined, name: string): string | undefined {
  if (given === undefined || typeof given === 'string') return given;
  if (given.length > 1) {
    throw new FilterError({ en: `"${name}" is given ${given.length} times; give it once.`, es: `"${name}" aparece ${given.length} veces; indíquelo una sola vez.` });
  }
  return given[0];
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new FilterError({
      en: `${name} must be a whole number from ${min} to ${max}, not "${text}".`,
      es: `${name} debe ser un número entero de ${min} a ${max}, no "${text}".`,
    });
  }
  return n;
}

/** The period ending at `now`: [now − days, now). */
export function periodRange(period: PeriodId, now: Date): TimeRange {
  return { from: new Date(now.getTime() - PERIOD_DAYS[period] * 86_400_000).toISOString(), to: now.toISOString() };
}

/** The filter as query parameters (defaults left out), for links and feed URLs. */
export function filterParams(filter: Partial<TimelineFilter>, overrides: Record<string, string | number | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  const entries: Record<string, string | number | undefined> = {
    theme: filter.theme,
    region: filter.region,
    country: filter.country,
    feed: filter.feed,
    period: filter.period === DEFAULT_PERIOD ? undefined : filter.period,
    q: filter.text,
    page: filter.page === 1 ? undefined : filter.page,
    limit: filter.limit === DEFAULT_LIMIT ? undefined : filter.limit,
    ...overrides,
  };
  for (const [key, v] of Object.entries(entries)) if (v !== undefined && v !== '') params.set(key, String(v));
  return params;
}
