/**
 * Validates subscriber settings at the edge (CLI, API) with messages that say
 * which setting is wrong and what the valid values are.
 */
import * as z from 'zod';
import { COUNTRY_CODE_HINT, parseCountryCodes } from '../model/country-codes.ts';
import { SubscriberValidationError } from './errors.ts';
import { WEEKDAYS, normalizeEmail, type SubscriberPreferences, type Weekday } from './subscriber.ts';

export { SubscriberValidationError };

/** The ids a subscriber may choose from: the themes and regions of the current rules. */
export interface SubscriptionChoices {
  themes: string[];
  regions: string[];
}

const emailSchema = z.email({ pattern: z.regexes.html5Email });

export function validateEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (!emailSchema.safeParse(normalized).success || normalized.length > 254) {
    throw new SubscriberValidationError(`"${email}" is not a valid email address.`);
  }
  return normalized;
}

/** Raw settings as a user types them; every field optional so `update` can change one. */
export interface PreferencesInput {
  themes?: string[] | 'all';
  regions?: string[];
  /** Country codes, any case; several per value allowed ("PE,EC"). */
  countries?: string[];
  cadence?: string;
  hour?: number | string;
  weekday?: number | string;
  lang?: string;
  minScore?: number | string;
  sendEmpty?: boolean;
  alerts?: boolean;
}

export function validatePreferences(input: PreferencesInput, choices: SubscriptionChoices): Partial<SubscriberPreferences> {
  const out: Partial<SubscriberPreferences> = {};
  if (input.themes !== undefined) out.themes = validateThemes(input.themes, choices.themes);
  if (input.regions !== undefined) out.regions = validateIds('region', unique(input.regions), choices.regions);
  if (input.countries !== undefined) out.countries = validateCountries(input.countries);
  if (input.cadence !== undefined) out.cadence = oneOf('cadence', input.cadence, ['daily', 'weekly'] as const);
  if (input.hour !== undefined) out.hour = integerIn('hour', input.hour, 0, 23);
  if (input.weekday !== undefined) out.weekday = parseWeekday(input.weekday);
  if (input.lang !== undefined) out.lang = oneOf('lang', input.lang, ['es', 'en'] as const);
  if (input.minScore !== undefined) out.minScore = numberAtLeast('minScore', input.minScore, 0);
  if (input.sendEmpty !== undefined) out.sendEmpty = input.sendEmpty;
  if (input.alerts !== undefined) out.alerts = input.alerts;
  return out;
}

function validateThemes(themes: string[] | 'all', valid: string[]): string[] | 'all' {
  if (themes === 'all' || (themes.length === 1 && themes[0] === 'all')) return 'all';
  if (themes.length === 0) throw new SubscriberValidationError(`choose at least one theme, or "all". Valid themes: ${valid.join(', ')}.`);
  return validateIds('theme', unique(themes), valid);
}

function validateCountries(values: string[]): string[] {
  const { codes, unknown } = parseCountryCodes(values);
  if (unknown.length > 0) {
    throw new SubscriberValidationError(
      `subscribers: unknown country code${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in countries; ${COUNTRY_CODE_HINT}.`,
    );
  }
  if (codes.length === 0) throw new SubscriberValidationError(`subscribers: choose at least one country (PE for Peru); ${COUNTRY_CODE_HINT}.`);
  return codes;
}

function validateIds(kind: string, ids: string[], valid: string[]): string[] {
  const unknown = ids.filter((id) => !valid.includes(id));
  if (unknown.length > 0) {
    throw new SubscriberValidationError(
      `unknown ${kind}${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}. ` + `Valid ${kind}s: ${valid.join(', ')}.`,
    );
  }
  return ids;
}

function oneOf<T extends string>(name: string, value: string, valid: readonly T[]): T {
  if ((valid as readonly string[]).includes(value)) return value as T;
  throw new SubscriberValidationError(`${name} must be one of ${valid.join(', ')}, not "${value}".`);
}

function integerIn(name: string, value: number | string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new SubscriberValidationError(`${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return n;
}

function numberAtLeast(name: string, value: number | string, min: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n) || n < min) {
    throw new SubscriberValidationError(`${name} must be a number ≥ ${min}, not "${value}".`);
  }
  return n;
}

function parseWeekday(value: number | string): Weekday {
  const byName = WEEKDAYS.indexOf(String(value).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  if (byName >= 0) return (byName + 1) as Weekday;
  try {
    return integerIn('weekday', value, 1, 7) as Weekday;
  } catch {
    throw new SubscriberValidationError(`weekday must be one of ${WEEKDAYS.join(', ')} (or 1–7, Monday = 1), not "${value}".`);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
