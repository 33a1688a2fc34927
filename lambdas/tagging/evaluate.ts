/**
 * Measures a tagger against labelled articles (the `rules eval` contract):
 * one JSON article a line, {"id", "title", "text", "labels", "lang"?};
 * only themes that some line labels are scored, so a file about two themes
 * measures those two. Pure: the caller reads the file.
 */
import * as z from 'zod';
import type { Tagger } from './tagger.ts';

export interface LabelledArticle {
  id: string;
  title: string;
  text: string;
  labels: string[];
  lang?: 'es' | 'en';
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
    articles.push(parsed.data);
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

/** Scores the themes the articles label; predictions come from tagger.tag on title and text. */
export function evaluate(articles: LabelledArticle[], tagger: Pick<Tagger, 'tag'>): EvalResult {
  const themes = [...new Set(articles.flatMap((a) => a.labels))].sort();
  const counts = new Map(themes.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const article of articles) {
    const predicted = new Set(tagger.tag({ title: article.title, summary: '', text: article.text }).themes.map((t) => t.theme));
    const expected = new Set(article.labels);
    for (const [theme, c] of counts) {
      if (predicted.has(theme) && expected.has(theme)) c.tp++;
      else if (predicted.has(theme)) c.fp++;
      else if (expected.has(theme)) c.fn++;
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
  return result;
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
