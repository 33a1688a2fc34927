/**
 * `rules lint`: everything createTagger rejects, plus mistakes it would
 * accept silently: terms listed twice or folding to the same words, terms
 * that can never count (shadowed by an earlier wildcard, excluded by their
 * own exclude list, only confirmed by themselves), themes that can never
 * reach their threshold, unused context lists and very short wildcards.
 * Every term, negative and combination must cite a seed listed in
 * themes.json's `seeds` (file name and title) or "coverage"; that needs no
 * seed folder, so a fresh clone lints clean. Only when the caller passes the
 * seed folder (`rules lint --seeds DIR`) are the listed files looked for, and
 * each term checked against the text of the seed it cites. Pure: the caller
 * reads the seed folder.
 */
import { compileRules } from './compile-rules.ts';
import { foldPhrase } from './fold.ts';
import { parsePattern, patternKey, type PatternWord } from './phrase-index.ts';
import { parseGazetteer, parseRules, RulesError, type Gazetteer, type Rules, type TermRule } from './rules-schema.ts';

export interface LintReport {
  errors: string[];
  warnings: string[];
}

const MIN_PREFIX = 4;

/**
 * `seedFiles`: names in the seed folder, or undefined to skip that check;
 * `seedTexts`: file name → text of each seed read, to warn about terms their
 * cited seed does not contain.
 */
export function lintRules(rulesJson: unknown, gazetteerJson: unknown, seedFiles?: readonly string[], seedTexts?: ReadonlyMap<string, string>): LintReport {
  const report: LintReport = { errors: [], warnings: [] };
  let rules: Rules;
  let gazetteer: Gazetteer;
  try {
    rules = parseRules(rulesJson);
    gazetteer = parseGazetteer(gazetteerJson);
    compileRules(rules, gazetteer);
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    report.errors.push(...error.problems);
    return report;
  }
  if (seedFiles) {
    for (const seed of rules.seeds) {
      if (!seedFiles.includes(seed.file)) report.errors.push(`themes, seeds: "${seed.file}" is not in the seed folder; fix the name or add the file`);
    }
  }
  const usedContexts = new Set<string>();
  const foldedSeeds = new Map([...(seedTexts ?? [])].map(([file, text]) => [file, ` ${foldPhrase(text)} `]));
  for (const theme of rules.themes) {
    for (const combination of theme.combinations) for (const g of combination.groups) usedContexts.add(g.slice(1));
    for (const combination of theme.combinations) for (const e of combination.notNear ?? []) if (e.startsWith('@')) usedContexts.add(e.slice(1));
    for (const t of [...theme.terms, ...theme.negatives]) {
      const text = foldedSeeds.get(t.source);
      if (text !== undefined && !seedContains(text, t.term)) {
        report.warnings.push(`themes, theme "${theme.id}", term "${t.term}": cites seed "${t.source}", which does not contain it; cite the seed it comes from or "coverage"`);
      }
    }
    const where = (term: string) => `themes, theme "${theme.id}", term "${term}"`;
    lintDuplicates(theme.terms, where, report);
    theme.terms.forEach((term, i) => {
      for (const list of [term.context, term.notNear, term.exclude]) for (const e of list ?? []) if (e.startsWith('@')) usedContexts.add(e.slice(1));
      lintNeverCounts(term, theme.terms.slice(0, i), rules, where(term.term), report);
      for (const word of parsePattern(term.term)) {
        if (word.prefix && word.text.length < MIN_PREFIX) {
          report.warnings.push(`${where(term.term)}: wildcard "${word.text}*" is shorter than ${MIN_PREFIX} letters and matches many unrelated words`);
        }
      }
    });
    for (const negative of theme.negatives) {
      if (theme.terms.some((t) => foldPhrase(t.term) === foldPhrase(negative.term))) {
        report.errors.push(`themes, theme "${theme.id}", negative "${negative.term}": is also a term of the theme, so the two cancel out`);
      }
    }
    const { fieldWeights, repeatBonus, repeatCap } = rules.scoring;
    const best = Math.max(fieldWeights.title, fieldWeights.summary, fieldWeights.text, rules.scoring.shortText?.weight ?? 0);
    const ceiling = theme.terms.reduce((sum, t) => sum + t.weight, 0) * best * (1 + repeatBonus * (repeatCap - 1));
    if (ceiling < theme.threshold) {
      report.errors.push(`themes, theme "${theme.id}": threshold ${theme.threshold} is above the highest score its terms can reach (${ceiling}), so it can never be tagged`);
    }
  }
  const places = new Map<string, string>();
  for (const region of gazetteer.regions) {
    for (const term of region.terms) {
      const key = foldPhrase(term);
      const other = places.get(key);
      if (other !== undefined) report.errors.push(`gazetteer, region "${region.id}", term "${term}": folds to the same words as a term of region "${other}"`);
      else places.set(key, region.id);
    }
  }
  for (const name of Object.keys(rules.contexts)) {
    if (!usedContexts.has(name)) report.warnings.push(`themes, contexts: list "@${name}" is not used by any term`);
  }
  return report;
}

function lintDuplicates(terms: TermRule[], where: (term: string) => string, report: LintReport): void {
  const seen = new Map<string, string>();
  for (const term of terms) {
    const key = patternKey(parsePattern(term.term));
    const earlier = seen.get(key);
    if (earlier === term.term) report.errors.push(`${where(term.term)}: listed twice`);
    else if (earlier !== undefined) report.errors.push(`${where(term.term)}: folds to the same words as "${earlier}" ("${key}"), so only one of them can count`);
    else seen.set(key, term.term);
  }
}

/** True if every word of `words` is matched by the pattern word at the same place. */
function patternCovers(pattern: PatternWord[], words: PatternWord[]): boolean {
  return (
    pattern.length === words.length &&
    pattern.every((p, i) => {
      const w = words[i] as PatternWord;
      return p.prefix ? w.text.startsWith(p.text) : !w.prefix && w.text === p.text;
    })
  );
}

function expand(list: string[] | undefined, rules: Rules): string[] {
  return (list ?? []).flatMap((entry) => (entry.startsWith('@') ? (rules.contexts[entry.slice(1)] ?? []) : [entry]));
}

function lintNeverCounts(term: TermRule, earlier: TermRule[], rules: Rules, where: string, report: LintReport): void {
  const words = parsePattern(term.term);
  const key = patternKey(words);
  const shadow = earlier.find((e) => patternCovers(parsePattern(e.term), words) && patternKey(parsePattern(e.term)) !== key);
  if (shadow) report.errors.push(`${where}: can never count, "${shadow.term}" is listed earlier and matches the same words; remove one or list the specific term first`);
  if (expand(term.exclude, rules).some((e) => patternKey(parsePattern(e)) === key)) {
    report.errors.push(`${where}: can never match, its own exclude list contains it`);
  }
  if (expand(term.notNear, rules).some((e) => patternKey(parsePattern(e)) === key)) {
    report.errors.push(`${where}: can never match, its own notNear list contains it (a term is always near itself)`);
  }
  const context = expand(term.context, rules);
  if (term.context && context.every((e) => patternKey(parsePattern(e)) === key)) {
    report.errors.push(`${where}: can never match, its only context is itself (a term does not confirm itself)`);
  }
}

/** True if the folded seed text contains the term's words in order (a wildcard word as a prefix). */
function seedContains(foldedText: string, term: string): boolean {
  const body = parsePattern(term)
    .map((w) => w.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (w.prefix ? '[^ ]*' : ''))
    .join(' ');
  return new RegExp(` ${body} `).test(foldedText);
}
