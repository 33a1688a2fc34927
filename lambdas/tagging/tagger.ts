/**
 * The tagging stage: title, summary and text in, themes (with the terms that
 * fired), regions, countries (ISO 3166-1 alpha-2, most relevant first) and
 * language out. Pure: the bundled rules are imported as
 * JSON so esbuild puts them in the Lambda bundle; nothing here reads files,
 * the network, the environment or the clock.
 */
import type { TagResult } from '../model/article.ts';
import { compileRules, type CompiledRules } from './compile-rules.ts';
import { explainArticle, tagArticle, type Explanation } from './explain-article.ts';
import type { ScanResult } from './phrase-index.ts';
import { parseGazetteer, parseRules, type Gazetteer, type Rules } from './rules-schema.ts';
import bundledGazetteer from './gazetteer.json' with { type: 'json' };
import bundledRules from './themes.json' with { type: 'json' };

export { RulesError } from './rules-schema.ts';

export interface ThemeInfo {
  id: string;
  label: { es: string; en: string };
  description: { es: string; en: string };
}

export interface RegionInfo {
  id: string;
  name: string;
}

export interface TagInput {
  title: string;
  summary: string;
  text: string;
}

export interface Tagger {
  tag(input: TagInput): TagResult;
  /** Like tag, with points per term and combination, negatives, suppressed terms, near misses and country scores. */
  explain(input: TagInput): Explanation;
  themes: ThemeInfo[];
  regions: RegionInfo[];
}

/** Validates and compiles rules; throws RulesError naming theme, term and problem. */
export function createTagger(rulesJson: unknown, gazetteerJson: unknown): Tagger {
  const compiled = compileRules(parseRules(rulesJson), parseGazetteer(gazetteerJson));
  return taggerFor(compiled);
}

/**
 * `true` in Lambda bundles, whose rules files were validated by parseRules and
 * parseGazetteer when the bundle was built (lib/bundling.ts: esbuild's
 * `define`, and the `packed-json` plugin ships the validated rules): a bundle
 * with invalid rules fails to build, so its tagger only compiles them, and the
 * validation code and its zod schemas stay out of the bundle. Undefined when
 * running from source, where the files are validated here.
 */
declare const CENTINELA_BUNDLED_RULES_VALIDATED: boolean | undefined;

let bundled: Tagger | undefined;

/** The tagger for the rules shipped with Centinela, compiled once per process; throws RulesError when they are invalid. */
export function loadTagger(): Tagger {
  bundled ??=
    typeof CENTINELA_BUNDLED_RULES_VALIDATED !== 'undefined' && CENTINELA_BUNDLED_RULES_VALIDATED
      ? taggerFor(compileRules(bundledRules as unknown as Rules, bundledGazetteer as unknown as Gazetteer))
      : createTagger(bundledRules, bundledGazetteer);
  return bundled;
}

/** A tagger over compiled rules; `scan` replaces the one-pass matcher (createRegexTagger's per-phrase RegExps do, for the equivalence test). */
export function taggerFor(compiled: CompiledRules, scan?: (fields: string[]) => ScanResult): Tagger {
  return {
    explain(input) {
      const fields = fieldsOf(input);
      return explainArticle(compiled, fields, scan ? scan(fields) : undefined);
    },
    tag(input) {
      const fields = fieldsOf(input);
      return tagArticle(compiled, fields, scan ? scan(fields) : undefined);
    },
    themes: compiled.themes.map(({ id, label, description }) => ({ id, label, description })),
    regions: compiled.regions.map(({ id, name }) => ({ id, name })),
  };
}

/**
 * Feeds often repeat the summary as the first paragraph of the text; reading
 * it twice would count its terms twice, so a summary contained in the text is skipped.
 */
function fieldsOf(input: TagInput): string[] {
  const summary = input.summary.trim();
  const repeated = summary.length > 0 && input.text.includes(summary);
  return [input.title, repeated ? '' : input.summary, input.text];
}
