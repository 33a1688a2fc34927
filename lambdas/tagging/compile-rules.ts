/**
 * Turns validated rules and gazetteer into one PhraseIndex plus plain lists
 * that point into it by phrase id. Cross-references the schema cannot see
 * (seed names, "@context" lists, region parents, words that fold to nothing)
 * are checked here, with the same theme/term/problem messages.
 */
import { capitalsOf, foldPhrase } from './fold.ts';
import { PhraseIndex, parsePattern, patternProblem } from './phrase-index.ts';
import { RulesError, type Gazetteer, type Rules } from './rules-schema.ts';

export const COVERAGE = 'coverage';

export interface CompiledTerm {
  term: string;
  weight: number;
  source: string;
  phrase: number;
  window: number;
  context?: number[];
  notNear?: number[];
  exclude?: number[];
}

export interface CompiledGroup {
  /** "@name" as written in the rules. */
  name: string;
  phrases: number[];
}

export interface CompiledCombination {
  name: string;
  groups: CompiledGroup[];
  /** Words either side of the first group's phrase, or 'sentence'. */
  within: number | 'sentence';
  weight: number;
  source: string;
  notNear?: number[];
}

export interface CompiledTheme {
  id: string;
  label: { es: string; en: string };
  description: { es: string; en: string };
  threshold: number;
  terms: CompiledTerm[];
  combinations: CompiledCombination[];
  negatives: { term: string; weight: number; source: string; phrase: number }[];
}

export interface CompiledCountry {
  code: string;
  name: string;
  phrases: { term: string; phrase: number; capitals: boolean[] }[];
  exclude?: number[];
}

export interface CompiledRegion {
  id: string;
  name: string;
  /** This region and every region it lies in. */
  ids: string[];
  /** `capitals[i]`: word i must start with a capital in the text, as it does in the term. */
  phrases: { term: string; phrase: number; capitals: boolean[] }[];
  exclude?: number[];
  notNear?: number[];
}

export interface CompiledRules {
  index: PhraseIndex;
  themes: CompiledTheme[];
  regions: CompiledRegion[];
  /** Folded words that make a following place name a street or a building. */
  streetWords: Set<string>;
  /** Phrases naming news outlets: places inside them are neither regions nor countries. */
  outlets: number[];
  scoring: Rules['scoring'];
  countries: { home: string; homeWeight: number; minScore: number; share: number; list: CompiledCountry[] };
  /** Phrase text by id, for explanations of suppressed terms. */
  phraseText: (id: number) => string;
}

export function compileRules(rules: Rules, gazetteer: Gazetteer): CompiledRules {
  const problems: string[] = [];
  const index = new PhraseIndex(rules.language.es, rules.language.en);
  const seeds = new Set(rules.seeds.map((s) => s.file));

  /** Adds a phrase to the index, or records why it can't be matched. */
  const texts: string[] = [];
  const add = (text: string, where: string): number | undefined => {
    const words = parsePattern(text);
    if (words.length === 0) {
      problems.push(`${where}: "${text}" has no letters or digits, so it can never match`);
      return undefined;
    }
    const problem = patternProblem(words);
    if (problem) {
      problems.push(`${where}: ${problem}`);
      return undefined;
    }
    const id = index.add(words);
    texts[id] ??= text;
    return id;
  };
  // Equal lists share one array, so the scorer gathers their occurrences once
  // per article however many terms or combinations use them.
  const lists = new Map<string, number[]>();
  const addList = (list: string[] | undefined, where: string): number[] | undefined => {
    if (!list) return undefined;
    const key = list.join('\u0000');
    const known = lists.get(key);
    if (known) return known;
    const ids = addListOnce(list, where);
    lists.set(key, ids);
    return ids;
  };
  const addListOnce = (list: string[], where: string): number[] => {
    const ids: number[] = [];
    for (const entry of list) {
      if (entry.startsWith('@')) {
        const shared = rules.contexts[entry.slice(1)];
        if (!shared) problems.push(`${where}: context list "${entry}" is not defined in "contexts"`);
        else for (const text of shared) pushDefined(ids, add(text, `${where}, context list "${entry}"`));
      } else pushDefined(ids, add(entry, where));
    }
    return ids;
  };

  const themeIds = new Set<string>();
  const themes = rules.themes.map((theme): CompiledTheme => {
    if (themeIds.has(theme.id)) problems.push(`themes, theme "${theme.id}": the id is used twice`);
    themeIds.add(theme.id);
    const checkSource = (term: string, source: string, kind: string) => {
      if (source !== COVERAGE && !seeds.has(source)) {
        problems.push(`themes, theme "${theme.id}", ${kind} "${term}": source "${source}" is neither a seed listed in "seeds" nor "${COVERAGE}"`);
      }
    };
    const terms: CompiledTerm[] = [];
    for (const t of theme.terms) {
      const where = `themes, theme "${theme.id}", term "${t.term}"`;
      checkSource(t.term, t.source, 'term');
      const phrase = add(t.term, where);
      if (phrase === undefined) continue;
      terms.push({
        term: t.term,
        weight: t.weight,
        source: t.source,
        phrase,
        window: t.window ?? rules.scoring.window,
        context: addList(t.context, `${where}, context`),
        notNear: addList(t.notNear, `${where}, notNear`),
        exclude: addList(t.exclude, `${where}, exclude`),
      });
    }
    const combinations: CompiledCombination[] = [];
    for (const c of theme.combinations) {
      const where = `themes, theme "${theme.id}", combination "${c.name}"`;
      checkSource(c.name, c.source, 'combination');
      const groups: CompiledGroup[] = [];
      for (const name of c.groups) {
        if (!rules.contexts[name.slice(1)]) problems.push(`${where}: group "${name}" is not defined in "contexts"`);
        else groups.push({ name, phrases: addList([name], `${where}, group`) ?? [] });
      }
      combinations.push({ name: c.name, groups, within: c.within, weight: c.weight, source: c.source, notNear: addList(c.notNear, `${where}, notNear`) });
    }
    const negatives = [];
    for (const n of theme.negatives) {
      checkSource(n.term, n.source, 'negative');
      const phrase = add(n.term, `themes, theme "${theme.id}", negative "${n.term}"`);
      if (phrase !== undefined) negatives.push({ term: n.term, weight: n.weight, source: n.source, phrase });
    }
    return { id: theme.id, label: theme.label, description: theme.description, threshold: theme.threshold, terms, combinations, negatives };
  });

  const byId = new Map(gazetteer.regions.map((r) => [r.id, r]));
  if (byId.size !== gazetteer.regions.length) problems.push('gazetteer: a region id is used twice');
  const regions = gazetteer.regions.map((region): CompiledRegion => {
    const where = `gazetteer, region "${region.id}"`;
    const ids = [region.id];
    for (let parent = region.parent; parent !== undefined; parent = byId.get(parent)?.parent) {
      if (!byId.has(parent)) {
        problems.push(`${where}: parent "${parent}" is not a region of the gazetteer`);
        break;
      }
      if (ids.includes(parent)) {
        problems.push(`${where}: parent "${parent}" makes a loop`);
        break;
      }
      ids.push(parent);
    }
    for (const spanned of region.spans ?? []) {
      if (!byId.has(spanned)) problems.push(`${where}: spans "${spanned}", which is not a region of the gazetteer`);
      else if (!ids.includes(spanned)) ids.push(spanned);
    }
    const phrases: CompiledRegion['phrases'] = [];
    for (const term of region.terms) {
      const phrase = add(term, `${where}, term "${term}"`);
      if (phrase !== undefined) phrases.push({ term, phrase, capitals: region.capitalized ? capitalsOf(term) : [] });
    }
    return {
      id: region.id,
      name: region.name,
      ids,
      phrases,
      exclude: addList(region.exclude, `${where}, exclude`),
      notNear: addList(region.notNear, `${where}, notNear`),
    };
  });

  const codes = new Set<string>();
  const countryList = gazetteer.countries.list.map((country): CompiledCountry => {
    const where = `gazetteer, country "${country.code}"`;
    if (codes.has(country.code)) problems.push(`${where}: the code is used twice`);
    codes.add(country.code);
    const phrases: CompiledCountry['phrases'] = [];
    for (const term of country.terms) {
      const phrase = add(term, `${where}, term "${term}"`);
      if (phrase !== undefined) phrases.push({ term, phrase, capitals: country.capitalized ? capitalsOf(term) : [] });
    }
    return { code: country.code, name: country.name, phrases, exclude: addList(country.exclude, `${where}, exclude`) };
  });
  const outlets = addList(gazetteer.outlets, 'gazetteer, outlets') ?? [];
  if (problems.length > 0) throw new RulesError(problems);
  const streetWords = new Set(gazetteer.streetWords.map(foldPhrase));
  const { home, homeWeight, minScore, share } = gazetteer.countries;
  return {
    index,
    themes,
    regions,
    streetWords,
    outlets,
    scoring: rules.scoring,
    countries: { home, homeWeight, minScore, share, list: countryList },
    phraseText: (id) => texts[id] ?? '',
  };
}

function pushDefined(list: number[], value: number | undefined): void {
  if (value !== undefined) list.push(value);
}
