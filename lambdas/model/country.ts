/**
 * Countries as Centinela stores them: ISO 3166-1 alpha-2 codes in upper case
 * ("PE" is Peru). An article's `countries` lists the countries it is about,
 * most relevant first; `[]` means the country is unknown (the tagger could
 * not tell, or the article was stored before the country decision existed).
 *
 * What the Lambdas need, and nothing heavier: country names come from the
 * runtime's own ICU data (Intl.DisplayNames, CLDR names). Checking what a user
 * typed against the list of assigned codes is country-codes.ts, used only at
 * the edges (CLI, subscriber settings), so its code list stays out of the bundles.
 */
import type { Language } from './article.ts';

/** The home country: digests put it first and subscribers get it by default. */
export const PERU = 'PE';

const names: Partial<Record<Language, Intl.DisplayNames>> = {};

/** "Perú" / "Peru", "Ecuador"; the code itself for one the runtime has no name for. */
export function countryName(code: string, lang: Language): string {
  names[lang] ??= new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  try {
    return names[lang].of(code) ?? code;
  } catch {
    // A value that is not a region code at all (Intl throws RangeError).
    return code;
  }
}

/** The countries of an item stored before the attribute existed, or of a hand-built value: `[]` unless a list of strings. */
export function countriesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
