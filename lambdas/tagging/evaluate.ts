/**
 * Measures a tagger against labelled articles (the `rules eval` contract):
 * one JSON article a line, {"id", "title", "text", "labels", "lang"?,
 * "country"?}; only themes that some line labels are scored, so a file about
 * two themes measures those two. `country` is "Peru" (or "PE") when the
 * story's main focus is Peru, anything else ("other", "EC") when it is not;
 * when lines carry it, eval also reports country accuracy. Pure: the caller
 * reads the file.
 */
import * as z from 'zod';
import type { SuppressedHit, ThemeScore } from './explain-article.ts';
import type { Tagger } from './tagger.ts';

export interface LabelledArticle {
  id: string;
  title: string;
  text: string;
  labels: string[];
  lang?: 'es' | 'en';
  /** "Peru"/"PE" = about Peru; any other value = about another country. */
  country?: string;
}

/** One false positive or false negative, with what fired and what nearly did. */
export interface Miss {
  id: string;
  title: string;
  theme: string;
  kind: 'false positive' | 'false negative';
  score: number;
  threshold: number;
  /** Terms and combinations that counted, with their points. */
  fired: { term: string; points: number; snippet: string }[];
  /** Occurrences that did not count, and why. */
  suppressed: SuppressedHit[];
}

export interface CountryFigures {
  /** Share of articles whose first country is PE exactly when the label says Peru. */
  accuracy: number;
  articles: number;
  correct: number;
  misses: { id: string; title: string; expected: string; predicted: string[] }[];
}

export interface ThemeFigures {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalResult {
  themes: Record<string, ThemeFigures>;
  micro: { precision: number; recall: number; f1: number };
  /** Present when some article carries `country`. */
  country?: CountryFigures;
  /** Present when asked for: every false positive and false negative, per theme. */
  misses?: Miss[];
}

/** A line of the input that is not a labelled article; the message names file, line and fix. */
export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
}

const lineSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  text: z.string(),
  labels: z.array(z.string().min(1)),
  lang: z.enum(['es', 'en']).optional(),
  /** The tagging-dev set spells it `language`. */
  language: z.enum(['es', 'en']).optional(),
  country: z.string().min(1).optional(),
});

const EXAMPLE = '{"id": "a1", "title": "…", "text": "…", "labels": ["extortion"], "lang": "es"}';

/** Parses JSONL; blank lines are skipped. Throws EvalInputError naming the first bad line. */
export function parseLabelledArticles(content: string, file: string): LabelledArticle[] {
  const articles: LabelledArticle[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `eval: ${file} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new EvalInputError(`${where}: not valid JSON (${(error as Error).message}); write one article per line like ${EXAMPLE}`, { cause: error });
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `"${issue.path.join('.') || '(line)'}" ${issue.message}`).join(', ');
      throw new EvalInputError(`${where}: ${problems}; each line must look like ${EXAMPLE}`);
    }
    const { language, lang, country, ...rest } = parsed.data;
    const article: LabelledArticle = rest;
    if (lang ?? language) article.lang = lang ?? language;
    if (country !== undefined) article.country = country;
    articles.push(article);
  }
  if (articles.length === 0) throw new EvalInputError(`eval: ${file} has no articles; write one article per line like ${EXAMPLE}`);
  return articles;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const round = (n: number) => Math.round(n * 10_000) / 10_000;

function figures(tp: number, fp: number, fn: number): ThemeFigures {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision: round(precision), recall: round(recall), f1: round(f1Of(precision, recall)), tp, fp, fn };
}

const isPeru = (country: string) => /^(peru|perú|pe)$/i.test(country.trim());

/**
 * Scores the themes the articles label; predictions come from tagger.tag on
 * title and text. With `misses`, tagger.explain is used instead and every
 * false positive and false negative is listed with what fired (terms,
 * combinations, points) and what was suppressed, sorted by theme then id.
 */
export function evaluate(articles: LabelledArticle[], tagger: Pick<Tagger, 'tag'> & Partial<Pick<Tagger, 'explain'>>, options: { misses?: boolean } = {}): EvalResult {
  const themes = [...new Set(articles.flatMap((a) => a.labels))].sort();
  const counts = new Map(themes.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const misses: Miss[] = [];
  const country: CountryFigures = { accuracy: 0, articles: 0, correct: 0, misses: [] };
  for (const article of articles) {
    const input = { title: article.title, summary: '', text: article.text };
    let predicted: Set<string>;
    let countries: string[];
    let scores: ThemeScore[] = [];
    if (options.misses && tagger.explain) {
      const explanation = tagger.explain(input);
      scores = explanation.themes;
      predicted = new Set(scores.filter((t) => t.tagged).map((t) => t.theme));
      countries = explanation.countries;
    } else {
      const result = tagger.tag(input);
      predicted = new Set(result.themes.map((t) => t.theme));
      countries = result.countries;
    }
    const expected = new Set(article.labels);
    for (const [theme, c] of counts) {
      let kind: Miss['kind'] | undefined;
      if (predicted.has(theme) && expected.has(theme)) c.tp++;
      else if (predicted.has(theme)) {
        c.fp++;
        kind = 'false positive';
      } else if (expected.has(theme)) {
        c.fn++;
        kind = 'false negative';
      }
      if (kind && options.misses) {
        const score = scores.find((t) => t.theme === theme);
        misses.push({
          id: article.id,
          title: article.title,
          theme,
          kind,
          score: score?.score ?? 0,
          threshold: score?.threshold ?? 0,
          fired: (score?.hits ?? []).map(({ term, points, snippet }) => ({ term, points, snippet })).concat((score?.negatives ?? []).map(({ term, points, snippet }) => ({ term, points, snippet }))),
          suppressed: score?.suppressed ?? [],
        });
      }
    }
    if (article.country !== undefined) {
      country.articles++;
      const right = isPeru(article.country) === (countries[0] === 'PE');
      if (right) country.correct++;
      else country.misses.push({ id: article.id, title: article.title, expected: article.country, predicted: countries });
    }
  }
  const result: EvalResult = { themes: {}, micro: { precision: 0, recall: 0, f1: 0 } };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [theme, c] of counts) {
    result.themes[theme] = figures(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  const { precision, recall, f1 } = figures(tp, fp, fn);
  result.micro = { precision, recall, f1 };
  if (country.articles > 0) result.country = { ...country, accuracy: round(ratio(country.correct, country.articles)) };
  if (options.misses) result.misses = misses.sort((a, b) => a.theme.localeCompare(b.theme) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  return result;
}

/** Country accuracy and the articles it got wrong. */
export function formatCountry(country: CountryFigures): string {
  const lines = [`country accuracy ${(country.accuracy * 100).toFixed(1)}% (${country.correct}/${country.articles}; Peru = first country is PE)`];
  for (const m of country.misses) lines.push(`  ${m.id}  expected ${m.expected}, got [${m.predicted.join(', ')}]  ${m.title}`);
  return lines.join('\n');
}

/** Every miss: theme, kind, score vs threshold, what fired and what was suppressed and why. */
export function formatMisses(misses: Miss[]): string {
  const lines: string[] = [];
  for (const m of misses) {
    lines.push(`${m.theme}  ${m.kind}  ${m.id}  score ${m.score} / ${m.threshold}  ${m.title}`);
    for (const f of m.fired) lines.push(`    ${`${f.points > 0 ? '+' : ''}${f.points}`.padStart(6)}  ${f.term}  “${f.snippet}”`);
    for (const s of m.suppressed) lines.push(`     (off)  ${s.term}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}  “${s.snippet}”`);
    if (m.fired.length === 0 && m.suppressed.length === 0) lines.push('            nothing fired or nearly fired');
  }
  return lines.join('\n');
}

/** A fixed-width table: one row per theme, then the micro average. */
export function formatEvalTable(result: EvalResult): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);
  const num = (n: number) => String(n).padStart(4);
  const names = Object.keys(result.themes);
  const width = Math.max(5, ...names.map((n) => n.length));
  const rows = [`${'theme'.padEnd(width)}  precision  recall      F1    TP   FP   FN`];
  for (const name of names) {
    const t = result.themes[name] as ThemeFigures;
    rows.push(`${name.padEnd(width)}  ${pct(t.precision)}    ${pct(t.recall)} ${pct(t.f1)}  ${num(t.tp)} ${num(t.fp)} ${num(t.fn)}`);
  }
  const m = result.micro;
  rows.push(`${'micro'.padEnd(width)}  ${pct(m.precision)}    ${pct(m.recall)} ${pct(m.f1)}`);
  return rows.join('\n');
}
