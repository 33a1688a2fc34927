/**
 * The shape of themes.json and gazetteer.json, checked once when a tagger is
 * built. Errors name the theme (or region), the term and the problem, so an
 * analyst can fix the file without reading this code.
 */
import * as z from 'zod';

/** One idea: the rules or the gazetteer are not usable. */
export class RulesError extends Error {
  override readonly name = 'RulesError';
  readonly problems: string[];
  constructor(problems: string[], options?: { cause?: unknown }) {
    super(`rules: ${problems.join('; ')}`, options);
    this.problems = problems;
  }
}

const phrase = z.string().trim().min(1, 'is empty');
const phrases = z.array(phrase);
const lang = z.enum(['es', 'en', 'any']);
const bilingual = z.strictObject({ es: z.string().min(1), en: z.string().min(1) });

const termSchema = z.strictObject({
  term: phrase,
  weight: z.number().positive('must be above 0').max(10, 'must be at most 10'),
  lang,
  /** A seed file name from `seeds`, or "coverage" when no seed contains the term. */
  source: z.string().min(1, 'names no source'),
  /** The term counts only if one of these occurs nearby ("@name" names a shared list). */
  context: phrases.min(1, 'is an empty list').optional(),
  /** The term does not count if one of these occurs nearby. */
  notNear: phrases.min(1, 'is an empty list').optional(),
  /** The term does not count where it is part of one of these ("tiro penal"). */
  exclude: phrases.min(1, 'is an empty list').optional(),
  /** Words either side that count as nearby; defaults to scoring.window. */
  window: z.number().int().min(0).max(200).optional(),
});

const negativeSchema = z.strictObject({
  term: phrase,
  weight: z.number().positive('must be above 0').max(10, 'must be at most 10'),
  lang,
  source: z.string().min(1, 'names no source'),
});

const themeSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z_]*$/, 'must be lower_snake_case'),
  label: bilingual,
  description: bilingual,
  threshold: z.number().positive('must be above 0'),
  terms: z.array(termSchema).min(1, 'has no terms'),
  negatives: z.array(negativeSchema).default([]),
});

export const rulesSchema = z.strictObject({
  version: z.string().min(1),
  seeds: z.array(z.strictObject({ file: z.string().min(1), title: z.string().min(1) })),
  scoring: z.strictObject({
    fieldWeights: z.strictObject({ title: z.number().positive(), summary: z.number().positive(), text: z.number().positive() }),
    /** Each repeat of a term adds this share of its weight… */
    repeatBonus: z.number().min(0),
    /** …up to this many occurrences. */
    repeatCap: z.number().int().min(1),
    window: z.number().int().min(0).max(200),
    /** A body of at most `words` words weighs `weight` instead of fieldWeights.text. */
    shortText: z.strictObject({ words: z.number().int().min(0), weight: z.number().positive() }).optional(),
  }),
  /** Shared context lists, referred to as "@name" in context and notNear. */
  contexts: z.record(z.string().regex(/^[a-z][a-z_]*$/), phrases.min(1)),
  /** Tells Peruvian news from news about other countries (see "Scope: news from other countries" in docs/rules.md). */
  scope: z.strictObject({
    peru: phrases.min(1),
    foreign: phrases.min(1),
    minForeign: z.number().positive(),
    ratio: z.number().positive(),
  }),
  language: z.strictObject({ es: phrases.min(1), en: phrases.min(1) }),
  themes: z.array(themeSchema).min(1),
});

const regionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-kebab-case ascii'),
  name: z.string().min(1),
  kind: z.enum(['department', 'province', 'city', 'district', 'zone']),
  /** The department (or zone) this place lies in; tagged along with it. */
  parent: z.string().optional(),
  terms: phrases.min(1, 'has no terms'),
  /** Words written with a capital in a term must have one in the text ("La Libertad", not "la libertad de prensa"). */
  capitalized: z.boolean().default(true),
  exclude: phrases.min(1).optional(),
  notNear: phrases.min(1).optional(),
});

export const gazetteerSchema = z.strictObject({
  version: z.string().min(1),
  /** Words that make a place name a street or a building ("avenida Arequipa", "colegio Trujillo"). */
  streetWords: phrases.default([]),
  regions: z.array(regionSchema).min(1),
});

export type Rules = z.infer<typeof rulesSchema>;
export type ThemeRule = z.infer<typeof themeSchema>;
export type TermRule = z.infer<typeof termSchema>;
export type Gazetteer = z.infer<typeof gazetteerSchema>;
export type RegionRule = z.infer<typeof regionSchema>;

/** Describes a schema problem by theme/region id and term, not by array index. */
function describe(issue: z.core.$ZodIssue, input: unknown, file: string): string {
  const path = issue.path;
  const parts: string[] = [file];
  const root = input as Record<string, unknown> | null;
  const listName = path[0];
  if ((listName === 'themes' || listName === 'regions') && typeof path[1] === 'number') {
    const entry = (root?.[listName] as Record<string, unknown>[] | undefined)?.[path[1]];
    const id = typeof entry?.id === 'string' ? entry.id : `#${path[1] + 1}`;
    parts.push(`${listName === 'themes' ? 'theme' : 'region'} "${id}"`);
    const sub = path[2];
    if (typeof sub === 'string' && typeof path[3] === 'number' && (sub === 'terms' || sub === 'negatives')) {
      const term = (entry?.[sub] as unknown[] | undefined)?.[path[3]];
      const text = typeof term === 'string' ? term : typeof (term as { term?: unknown })?.term === 'string' ? (term as { term: string }).term : `#${path[3] + 1}`;
      parts.push(`${sub === 'negatives' ? 'negative' : 'term'} "${text}"`);
      const rest = path.slice(4).join('.');
      if (rest) parts.push(`field "${rest}"`);
    } else if (path.length > 2) parts.push(`field "${path.slice(2).join('.')}"`);
  } else if (path.length > 0) parts.push(`field "${path.join('.')}"`);
  return `${parts.join(', ')}: ${issue.message}`;
}

export function parseRules(input: unknown): Rules {
  const result = rulesSchema.safeParse(input);
  if (!result.success) throw new RulesError(result.error.issues.map((i) => describe(i, input, 'themes')));
  return result.data;
}

export function parseGazetteer(input: unknown): Gazetteer {
  const result = gazetteerSchema.safeParse(input);
  if (!result.success) throw new RulesError(result.error.issues.map((i) => describe(i, input, 'gazetteer')));
  return result.data;
}
