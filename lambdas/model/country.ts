/**
 * Countries as Centinela stores them: ISO 3166-1 alpha-2 codes in upper case
 * ("PE" is Peru). An article's `countries` lists the countries it is about,
 * most relevant first; `[]` means the country is unknown (the tagger could
 * not tell, or the article was stored before the country decision existed).
 *
 * The list of assigned codes and the country names come from the npm package
 * `i18n-iso-countries` (ISO 3166-1 codes; names in Spanish and English). Only
 * its two locales are loaded, not the ~80 its Node entry point registers.
 */
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import type { Language } from './article.ts';

countries.registerLocale(en);
countries.registerLocale(es);

/** The home country: digests put it first and subscribers get it by default. */
export const PERU = 'PE';

const ASSIGNED = new Set(Object.keys(countries.getAlpha2Codes()));

/** True for an assigned ISO 3166-1 alpha-2 code written in upper case ("PE"; not "pe", "PER" or "XX"). */
export function isCountryCode(code: string): boolean {
  return ASSIGNED.has(code);
}

export interface ParsedCountries {
  /** Upper-cased, valid, without duplicates, in the order given. */
  codes: string[];
  /** The values that are not assigned alpha-2 codes, as the user typed them. */
  unknown: string[];
}

/**
 * Reads country codes as a user types them: each value may hold several codes
 * separated by commas or spaces ("PE,EC", "pe ec"); case is ignored.
 * Never throws: the caller decides how to report `unknown`.
 */
export function parseCountryCodes(values: string[]): ParsedCountries {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const value of values.flatMap((v) => v.split(/[\s,;]+/)).filter(Boolean)) {
    const code = value.toUpperCase();
    if (!isCountryCode(code)) unknown.push(value);
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** What to tell a user who typed an unknown code: the fix, with examples from the region. */
export const COUNTRY_CODE_HINT = 'use ISO 3166-1 alpha-2 codes such as PE (Peru), EC (Ecuador), CO (Colombia), BO (Bolivia), CL (Chile), BR (Brazil)';

/** "Ecuador" / "Ecuador"; the code itself for one the list does not know. */
export function countryName(code: string, lang: Language): string {
  return countries.getName(code, lang) ?? code;
}

/** The countries of an item stored before the attribute existed, or of a hand-built value: `[]` unless a list of strings. */
export function countriesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** True when an article is about Peru. Unknown (`[]`) is not Peru: filters match only what the tagger decided. */
export function isAboutPeru(articleCountries: string[]): boolean {
  return articleCountries.includes(PERU);
}
