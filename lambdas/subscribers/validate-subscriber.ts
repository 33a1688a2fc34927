/**
 * Validates subscriber settings at the edge (CLI, API) with messages that say
 * which setting is wrong and what the valid values are.
 */
import { COUNTRY_CODE_HINT, parseCountryCodes } from '../model/country-codes.ts';
import { isEmailAddress } from '../model/email-address.ts';
import { SubscriberValidationError, type SettingProblem } from './errors.ts';
import { WEEKDAYS, normalizeEmail, type SubscriberPreferences, type Weekday } from './subscriber.ts';

export { SubscriberValidationError };

/** The ids a subscriber may choose from: the themes and regions of the current rules. */
export interface SubscriptionChoices {
  themes: string[];
  regions: string[];
}

/**
 * The address normalized (trimmed, lower-cased), or a SubscriberValidationError
 * (field `email`) quoting it. The syntax is the WHATWG HTML "valid e-mail
 * address" (zod's html5Email), at most 254 characters (RFC 5321 §4.5.3.1.3).
 * A new subscription (`lookup` false, the default) also needs a domain with a
 * dot: a dotless one (`a@b`, `ana@localhost`) is valid syntax but names no
 * internet mail domain, so no digest could reach it (RFC 5321 §2.3.5: a domain
 * name is fully qualified). With `lookup` true (remove, update, digest
 * --subscriber, which only find an address already stored) a dotless domain is
 * accepted, so an address stored before this check can still be removed.
 */
export function validateEmail(email: string, { lookup = false }: { lookup?: boolean } = {}): string {
  const normalized = normalizeEmail(email);
  if (!isEmailAddress(normalized)) {
    throw new SubscriberValidationError(`"${email}" is not a valid email address.`, { field: 'email' });
  }
  const domain = normalized.slice(normalized.lastIndexOf('@') + 1);
  if (!lookup && !domain.includes('.')) {
    throw new SubscriberValidationError(
      `"${email}" is not a valid email address: its domain "${domain}" has no dot, so no internet mail can reach it.`,
      { field: 'email' },
    );
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

/**
 * Checks every setting given and returns the valid ones. Throws one
 * SubscriberValidationError listing every bad setting (its `problems`), its
 * message the problems joined. `regions: ["all"]` means every region, like `[]`.
 */
export function validatePreferences(input: PreferencesInput, choices: SubscriptionChoices): Partial<SubscriberPreferences> {
  const out: Partial<SubscriberPreferences> = {};
  const problems: SettingProblem[] = [];
  const check = <K extends keyof SubscriberPreferences>(field: K, given: unknown, validate: () => SubscriberPreferences[K]) => {
    if (given === undefined) return;
    try {
      out[field] = validate();
    } catch (error) {
      if (!(error instanceof SubscriberValidationError)) throw error;
      problems.push({ field, message: error.message.replace(/^subscribers: /, '') });
    }
  };
  check('themes', input.themes, () => validateThemes(input.themes!, choices.themes));
  check('regions', input.regions, () => validateRegions(input.regions!, choices.regions));
  check('countries', input.countries, () => validateCountries(input.countries!));
  check('cadence', input.cadence, () => oneOf('cadence', input.cadence!, ['daily', 'weekly'] as const));
  check('hour', input.hour, () => integerIn('hour', input.hour!, 0, 23));
  check('weekday', input.weekday, () => parseWeekday(input.weekday!));
  check('lang', input.lang, () => oneOf('lang', input.lang!, ['es', 'en'] as const));
  check('minScore', input.minScore, () => numberAtLeast('minScore', input.minScore!, 0));
  if (input.sendEmpty !== undefined) out.sendEmpty = input.sendEmpty;
  if (input.alerts !== undefined) out.alerts = input.alerts;
  if (problems.length > 0) throw new SubscriberValidationError(problems.map((p) => p.message).join(' '), { problems });
  return out;
}

function validateRegions(regions: string[], valid: string[]): string[] {
  const ids = unique(regions);
  if (ids.length === 1 && ids[0] === 'all') return [];
  return validateIds('region', ids, valid);
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
