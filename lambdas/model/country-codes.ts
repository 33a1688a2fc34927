/**
 * Checking country codes a user types (CLI options, subscriber settings)
 * against ISO 3166-1 alpha-2. The list of assigned codes comes from the npm
 * package `i18n-iso-countries` (its ISO 3166-1 table, no locale loaded).
 * Only edge code imports this module, so the Lambda bundles do not carry the
 * table (tests/lib/bundle-size.test.ts); stored codes need no checking.
 */
import countries from 'i18n-iso-countries/index.js';

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
 * separated by commas, semicolons or spaces ("PE,EC", "pe ec"); case is ignored.
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
