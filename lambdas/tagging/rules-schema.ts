/**
 * The shape of themes.json and gazetteer.json, checked once when a tagger is
 * built. Errors name the theme (or region), the term and the problem, so an
 * analyst can fix the file without reading this code.
 */
import * as z from '../model/zod-mini.ts';

/** One idea: the rules or the gazetteer are not usable. */
export class RulesError extends Error {
  override readonly name = 'RulesError';
  readonly problems: string[];
  constructor(problems: string[], options?: { cause?: unknown }) {
    super(`rules: ${problems.join('; ')}`, options);
    this.problems = problems;
  }
}

/**
 * The schemas, built on first use (a tagger is built once per process): the
 * ~60 zod objects cost a few milliseconds, which at import would be part of
 * every Lambda cold start's import (issue 15, `bundle.poll-feed.cold_import_ms`).
 */
function buildSchemas() {
  const phrase = z.string().check(z.trim(), z.minLength(1, 'is empty'));
  const phrases = z.array(phrase);
  /** A list of at least one phrase. */
  const somePhrases = (message?: string) => z.array(phrase).check(z.minLength(1, message));
  const text = () => z.string().check(z.minLength(1));
  const weight = () => z.number().check(z.positive('must be above 0'), z.lte(10, 'must be at most 10'));
  const source = () => z.string().check(z.minLength(1, 'names no source'));
  const wordWindow = () => z.int().check(z.gte(0), z.lte(200));
  const countryCode = () => z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, like "PE"'));
  const lang = z.enum(['es', 'en', 'any']);
  const bilingual = z.strictObject({ es: text(), en: text() });

  const termSchema = z.strictObject({
    term: phrase,
    weight: weight(),
    lang,
    /** A seed file name from `seeds`, or "coverage" when no seed contains the term. */
    source: source(),
    /** The term counts only if one of these occurs nearby ("@name" names a shared list). */
    context: z.optional(somePhrases('is an empty list')),
    /** The term does not count if one of these occurs nearby. */
    notNear: z.optional(somePhrases('is an empty list')),
    /** The term does not count where it is part of one of these ("tiro penal"). */
    exclude: z.optional(somePhrases('is an empty list')),
    /** Words either side that count as nearby; defaults to scoring.window. */
    window: z.optional(wordWindow()),
  });

  const negativeSchema = z.strictObject({
    term: phrase,
    weight: weight(),
    lang,
    source: source(),
  });

  const groupRef = z.string().check(z.regex(/^@[a-z][a-z_]*$/, 'must name a group as "@name"'));

  /**
   * A combination (EMM's term: several concept groups must co-occur): one
   * phrase from each named group, all within `within` words of the first
   * group's phrase, or all in the same sentence.
   */
  const combinationSchema = z.strictObject({
    name: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case')),
    groups: z.array(groupRef).check(z.minLength(2, 'needs at least two groups')),
    within: z.union([z.int().check(z.gte(1), z.lte(200)), z.literal('sentence')]),
    weight: weight(),
    source: source(),
    /** The combination does not count when one of these occurs near the first group's phrase. */
    notNear: z.optional(somePhrases('is an empty list')),
  });

  const themeSchema = z.strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z_]*$/, 'must be lower_snake_case')),
    label: bilingual,
    description: bilingual,
    threshold: z.number().check(z.positive('must be above 0')),
    terms: z.array(termSchema).check(z.minLength(1, 'has no terms')),
    combinations: z._default(z.array(combinationSchema), []),
    negatives: z._default(z.array(negativeSchema), []),
  });

  const rulesSchema = z.strictObject({
    version: text(),
    seeds: z.array(z.strictObject({ file: text(), title: text() })),
    scoring: z.strictObject({
      fieldWeights: z.strictObject({
        title: z.number().check(z.positive()),
        summary: z.number().check(z.positive()),
        text: z.number().check(z.positive()),
      }),
      /** Each repeat of a term adds this share of its weight… */
      repeatBonus: z.number().check(z.gte(0)),
      /** …up to this many occurrences. */
      repeatCap: z.int().check(z.gte(1)),
      window: wordWindow(),
      /** A body of at most `words` words weighs `weight` instead of fieldWeights.text. */
      shortText: z.optional(z.strictObject({ words: z.int().check(z.gte(0)), weight: z.number().check(z.positive()) })),
    }),
    /**
     * Named concept groups (actors such as police or judges, ideas such as a
     * death or a protest), referred to as "@name" in context, notNear, exclude
     * and a combination's groups.
     */
    contexts: z.record(z.string().check(z.regex(/^[a-z][a-z_]*$/)), somePhrases()),
    language: z.strictObject({ es: somePhrases(), en: somePhrases() }),
    themes: z.array(themeSchema).check(z.minLength(1)),
  });

  const regionSchema = z.strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'must be lower-kebab-case ascii')),
    name: text(),
    kind: z.enum(['department', 'province', 'city', 'district', 'town', 'prison', 'zone']),
    /** The department (or zone) this place lies in; tagged along with it. */
    parent: z.optional(z.string()),
    /** For a zone across borders (the VRAEM, the Huallaga): the departments it spans, tagged along with it. */
    spans: z.optional(z.array(text()).check(z.minLength(1))),
    terms: somePhrases('has no terms'),
    /** Words written with a capital in a term must have one in the text ("La Libertad", not "la libertad de prensa"). */
    capitalized: z._default(z.boolean(), true),
    exclude: z.optional(somePhrases()),
    notNear: z.optional(somePhrases()),
  });

  const countrySchema = z.strictObject({
    /** ISO 3166-1 alpha-2, upper case. */
    code: countryCode(),
    name: text(),
    /** Names, demonyms, capitals, major cities, leaders and institutions, es and en. */
    terms: somePhrases('has no terms'),
    capitalized: z._default(z.boolean(), true),
    exclude: z.optional(somePhrases()),
    source: z._default(source(), 'coverage'),
  });

  const countriesSchema = z.strictObject({
    /** The country whose regions the gazetteer lists: every region hit is a marker of it. */
    home: countryCode(),
    /** Markers of the home country count this many times (a Peruvian outlet names Peru less often than it names other countries). */
    homeWeight: z.number().check(z.positive()),
    /** A country needs at least this score (field-weighted markers) to be listed… */
    minScore: z.number().check(z.positive()),
    /** …and at least this share of the top country's score. */
    share: z.number().check(z.gt(0), z.lte(1)),
    list: z._default(z.array(countrySchema), []),
  });

  const gazetteerSchema = z.strictObject({
    version: text(),
    /** Words that make a place name a street or a building ("avenida Arequipa", "colegio Trujillo"). */
    streetWords: z._default(phrases, []),
    /** Names of news outlets ("La Industria de Chiclayo"): a place inside one is never a region or a country. */
    outlets: z._default(phrases, []),
    regions: z.array(regionSchema).check(z.minLength(1)),
    countries: z._default(countriesSchema, { home: 'PE', homeWeight: 1, minScore: 1, share: 0.5, list: [] }),
  });

  return { rules: rulesSchema, theme: themeSchema, term: termSchema, gazetteer: gazetteerSchema, region: regionSchema, combination: combinationSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;
const schemas = (): Schemas => (built ??= buildSchemas());

export type Rules = z.infer<Schemas['rules']>;
export type ThemeRule = z.infer<Schemas['theme']>;
export type TermRule = z.infer<Schemas['term']>;
export type Gazetteer = z.infer<Schemas['gazetteer']>;
export type RegionRule = z.infer<Schemas['region']>;
export type CombinationRule = z.infer<Schemas['combination']>;

/** Describes a schema problem by theme/region id and term, not by array index. */
function describe(issue: z.core.$ZodIssue, input: unknown, file: string): string {
  const path = issue.path;
  const parts: string[] = [file];
  const root = input as Record<string, unknown> | null;
  const listName = path[0];
  if (listName === 'countries' && path[1] === 'list' && typeof path[2] === 'number') {
    const entry = ((root?.countries as Record<string, unknown> | undefined)?.list as Record<string, unknown>[] | undefined)?.[path[2]];
    parts.push(`country "${typeof entry?.code === 'string' ? entry.code : `#${path[2] + 1}`}"`);
    if (path.length > 3) parts.push(`field "${path.slice(3).join('.')}"`);
  } else if ((listName === 'themes' || listName === 'regions') && typeof path[1] === 'number') {
    const entry = (root?.[listName] as Record<string, unknown>[] | undefined)?.[path[1]];
    const id = typeof entry?.id === 'string' ? entry.id : `#${path[1] + 1}`;
    parts.push(`${listName === 'themes' ? 'theme' : 'region'} "${id}"`);
    const sub = path[2];
    if (sub === 'combinations' && typeof path[3] === 'number') {
      const combo = (entry?.combinations as Record<string, unknown>[] | undefined)?.[path[3]];
      parts.push(`combination "${typeof combo?.name === 'string' ? combo.name : `#${path[3] + 1}`}"`);
      const rest = path.slice(4).join('.');
      if (rest) parts.push(`field "${rest}"`);
    } else if (typeof sub === 'string' && typeof path[3] === 'number' && (sub === 'terms' || sub === 'negatives')) {
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
  const result = schemas().rules.safeParse(input);
  if (!result.success) throw new RulesError(result.error.issues.map((i) => describe(i, input, 'themes')));
  return result.data;
}

export function parseGazetteer(input: unknown): Gazetteer {
  const result = schemas().gazetteer.safeParse(input);
  if (!result.success) throw new RulesError(result.error.issues.map((i) => describe(i, input, 'gazetteer')));
  return result.data;
}
