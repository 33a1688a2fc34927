/**
 * `centinela rules …`: look inside the theme rules without touching code.
 *  - explain: why a text, file or web page gets the themes and regions it gets;
 *  - lint: problems in themes.json / gazetteer.json (exit 1 on errors);
 *  - eval: precision, recall and F1 per theme on a labelled JSONL file;
 *  - suggest: candidate words and phrases for a theme, ranked from labelled articles, for a person to review.
 * Bad arguments exit 2 with a message that names the file or line and the fix.
 * The tagger, the rule checks and the HTML reader are imported when a command runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { isHttpUrl } from '../../lambdas/model/http-url.ts';
import type { Explanation } from '../../lambdas/tagging/explain-article.ts';
import type { LintReport } from '../../lambdas/tagging/lint-rules.ts';
import type { SuggestResult } from '../../lambdas/tagging/suggest.ts';
import type { TagInput, Tagger } from '../../lambdas/tagging/tagger.ts';
import { UsageError } from './usage-error.ts';

/** A usage problem: main.ts prints it and exits with code 2. */
function usageError(message: string): UsageError {
  return new UsageError(message);
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw usageError(`rules ${what}: file ${file} does not exist; check the path (relative paths start at ${process.cwd()})`);
  return readFileSync(file, 'utf8');
}

export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('Inspect the theme rules: explain a text, lint the rule files, measure them on labelled articles.');

  rules
    .command('explain')
    .description('Show the themes, scores, terms that fired and regions for a text, a file or a web page.')
    .argument('[text]', 'the text to tag (quote it)')
    .option('--title <title>', 'a title for the text (the title weighs more than the body)', '')
    .option('--file <path>', 'read the text from a file (plain text, or HTML if it starts with "<")')
    .option('--url <url>', 'fetch a web page and tag its title and main text')
    .option('--json', 'print the explanation as JSON')
    .addHelpText('after', '\nExamples:\n  centinela rules explain --title "Reos del penal de Lurigancho" "El INPE trasladó a 50 internos"\n  centinela rules explain --url https://example.pe/nota')
    .action(async (text: string | undefined, options: { title: string; file?: string; url?: string; json?: boolean }) => {
      const sources = [text !== undefined, options.file !== undefined, options.url !== undefined].filter(Boolean).length;
      if (sources !== 1) throw usageError('rules explain: give exactly one of TEXT, --file PATH or --url URL');
      let input: TagInput;
      if (options.url !== undefined) input = await fetchPage(options.url);
      else if (options.file !== undefined) input = (await import('./page-input.ts')).pageInput(readText(options.file, 'explain'), options.title);
      else input = { title: options.title, summary: '', text: text ?? '' };
      const { loadTagger } = await import('../../lambdas/tagging/tagger.ts');
      const tagger = loadTagger();
      const explanation = tagger.explain(input);
      process.stdout.write(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : `${formatExplanation(explanation, tagger)}\n`);
    });

  rules
    .command('lint')
    .description('Check themes.json and gazetteer.json: schema, duplicate or folded-equal terms, terms that can never match, sources that cite no listed seed.')
    .option('--seeds <dir>', 'also check the seed documents themselves: every listed seed is a file in DIR')
    .action(async (options: { seeds?: string }) => {
      const { lintRules } = await import('../../lambdas/tagging/lint-rules.ts');
      const { bundledRules, bundledGazetteer } = await bundledRuleFiles();
      let seedFiles: string[] | undefined;
      if (options.seeds !== undefined) {
        if (!existsSync(options.seeds)) throw usageError(`rules lint: --seeds ${options.seeds} does not exist; give the folder holding the seed documents (e.g. ../shared/seeds)`);
        seedFiles = readdirSync(options.seeds);
      }
      const dir = options.seeds;
      const seedTexts = dir === undefined ? undefined : new Map((seedFiles ?? []).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
      const report = lintRules(bundledRules, bundledGazetteer, seedFiles, seedTexts);
      process.stdout.write(`${formatLintReport(report)}\n`);
      if (report.errors.length > 0) process.exitCode = 1;
    });

  rules
    .command('eval')
    .description('Measure precision, recall and F1 per theme on labelled articles (JSONL: {"id","title","text","labels","lang"?} a line).')
    .argument('<file>', 'the labelled articles, one JSON object a line')
    .option('--json', 'print exactly one JSON object: {"themes": {...}, "micro": {...}, "country"?: {...}, "misses"?: [...]}')
    .option('--misses', 'list every false positive and false negative per theme, with what fired or nearly fired')
    .action(async (file: string, options: { json?: boolean; misses?: boolean }) => {
      const [{ evaluate, EvalInputError, formatCountry, formatEvalTable, formatMisses, parseLabelledArticles }, { loadTagger }] = await Promise.all([
        import('../../lambdas/tagging/evaluate.ts'),
        import('../../lambdas/tagging/tagger.ts'),
      ]);
      let articles;
      try {
        articles = parseLabelledArticles(readText(file, 'eval'), file);
      } catch (error) {
        if (error instanceof EvalInputError) throw usageError(error.message);
        throw error;
      }
      const tagger = loadTagger();
      const known = new Set(tagger.themes.map((t) => t.id));
      const unknown = [...new Set(articles.flatMap((a) => a.labels))].filter((l) => !known.has(l));
      if (unknown.length > 0) process.stderr.write(`rules eval: labels ${unknown.join(', ')} are not theme ids of the rules, so they are never predicted; known: ${[...known].join(', ')}\n`);
      const result = evaluate(articles, tagger, { misses: options.misses });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const parts = [formatEvalTable(result)];
      if (result.country) parts.push(formatCountry(result.country));
      if (result.misses) parts.push(result.misses.length > 0 ? formatMisses(result.misses) : 'misses: none');
      process.stdout.write(`${parts.join('\n\n')}\n`);
    });

  rules
    .command('suggest')
    .description('Rank candidate words and 2–3-word phrases that separate a theme\'s labelled positives from its negatives (smoothed log-odds), for a person to review; never edits the rules.')
    .argument('<file>', 'labelled articles, one JSON object a line (the `rules eval` format)')
    .requiredOption('--theme <id>', 'the theme whose positives are contrasted with every other article (may be a theme the rules do not have yet)')
    .option('--limit <n>', 'at most this many candidates (1–1000)', '30')
    .option('--json', 'print exactly one JSON object: {"theme", "positives", "negatives", "candidates": [...]}')
    .addHelpText('after', '\nExample:\n  centinela rules suggest ../shared/tagging-dev/articles.jsonl --theme coca --limit 20')
    .action(async (file: string, options: { theme: string; limit: string; json?: boolean }) => {
      const [{ EvalInputError, parseLabelledArticles }, { parseRules }, { suggestTerms, SuggestInputError }, { bundledRules }] = await Promise.all([
        import('../../lambdas/tagging/evaluate.ts'),
        import('../../lambdas/tagging/rules-schema.ts'),
        import('../../lambdas/tagging/suggest.ts'),
        bundledRuleFiles(),
      ]);
      const limit = Number(options.limit);
      if (!/^\d+$/.test(options.limit) || limit < 1 || limit > 1000) throw usageError(`rules suggest: --limit ${options.limit} is not a whole number from 1 to 1000; e.g. --limit 30`);
      let result: SuggestResult;
      try {
        const articles = parseLabelledArticles(readText(file, 'suggest'), file);
        const theme = parseRules(bundledRules).themes.find((t) => t.id === options.theme);
        if (!theme) process.stderr.write(`rules suggest: "${options.theme}" is not a theme of the rules yet, so no candidate is marked as covered\n`);
        result = suggestTerms(articles, { theme: options.theme, limit, existingTerms: theme?.terms.map((t) => t.term) });
      } catch (error) {
        if (error instanceof EvalInputError || error instanceof SuggestInputError) throw usageError(`rules ${error.message.replace(/^(eval|suggest): /, 'suggest: ')}`);
        throw error;
      }
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatSuggestions(result, file)}\n`);
    });
}

/** The candidates as a numbered table, each followed by its example snippet. */
export function formatSuggestions(result: SuggestResult, file: string): string {
  const lines = [
    `${result.theme}: ${result.positives} positive and ${result.negatives} negative article(s) in ${file}; ` +
      `${result.candidates.length} candidate(s), best first (log-odds with informative Dirichlet prior, Monroe et al. 2008).`,
    'Review each before adding it to themes.json: this command never edits the rules.',
    '',
  ];
  if (result.candidates.length === 0) lines.push('No word or phrase is found in at least 2 positives and points to the theme; add more labelled positives.');
  const width = Math.max(6, ...result.candidates.map((c) => c.phrase.length));
  const header = `${'#'.padStart(3)}  ${'z'.padStart(6)}  ${'pos'.padStart(7)}  ${'neg'.padStart(7)}  ${'phrase'.padEnd(width)}  covered by`;
  if (result.candidates.length > 0) lines.push(header, '-'.repeat(header.length));
  result.candidates.forEach((c, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${c.z.toFixed(2).padStart(6)}  ${`${c.positives}/${result.positives}`.padStart(7)}  ${`${c.negatives}/${result.negatives}`.padStart(7)}  ${c.phrase.padEnd(width)}  ${c.coveredBy ?? '-'}`.trimEnd(),
      `${' '.repeat(5)}${c.example.id}: “${c.example.snippet}”`,
    );
  });
  return lines.join('\n');
}

/** themes.json and gazetteer.json as bundled, unparsed (what `rules lint` checks). */
async function bundledRuleFiles(): Promise<{ bundledRules: unknown; bundledGazetteer: unknown }> {
  const [rules, gazetteer] = await Promise.all([
    import('../../lambdas/tagging/themes.json', { with: { type: 'json' } }),
    import('../../lambdas/tagging/gazetteer.json', { with: { type: 'json' } }),
  ]);
  return { bundledRules: rules.default, bundledGazetteer: gazetteer.default };
}

async function fetchPage(url: string): Promise<TagInput> {
  if (!isHttpUrl(url)) throw usageError(`rules explain: --url ${url} is not an http(s) URL`);
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`rules explain: ${response.status} ${response.statusText} for ${url}`);
  const { pageInput } = await import('./page-input.ts');
  return pageInput(await response.text());
}

/**
 * Themes with score, threshold and each term's or combination's points,
 * field, count, seed and snippet (a combination also lists the phrase each
 * group matched); then suppressed terms and why; then regions and countries.
 */
export function formatExplanation(explanation: Explanation, tagger: Pick<Tagger, 'themes' | 'regions'>): string {
  const label = (id: string) => tagger.themes.find((t) => t.id === id)?.label.en ?? id;
  const lines: string[] = [];
  lines.push(`language: ${explanation.lang}`);
  if (explanation.themes.length === 0) lines.push('themes: none of the terms fired');
  for (const theme of explanation.themes) {
    const verdict = theme.tagged ? 'TAGGED' : 'below threshold';
    lines.push('', `${theme.theme} (${label(theme.theme)}): score ${theme.score} / threshold ${theme.threshold} — ${verdict}`);
    for (const hit of [...theme.hits, ...theme.negatives]) {
      const sign = hit.points > 0 ? '+' : '';
      lines.push(`  ${`${sign}${hit.points}`.padStart(6)}  ${hit.term}  (weight ${hit.weight}, ${hit.count}×, first in ${hit.field}, from ${hit.source})`);
      if (hit.groups) lines.push(`          groups: ${hit.groups.map((g) => `${g.group} “${g.term}”`).join(' + ')}`);
      lines.push(`          “${hit.snippet}”`);
    }
    for (const off of theme.suppressed) {
      lines.push(`   (off)  ${off.term}: ${off.reason}${off.detail ? ` (${off.detail})` : ''}, ${off.count}×, first in ${off.field}`);
      lines.push(`          “${off.snippet}”`);
    }
  }
  const countries = explanation.countryScores.map((c) => `${c.code} ${c.score}${explanation.countries.includes(c.code) ? '' : ' (below the cut)'} [${c.markers.slice(0, 6).join(', ')}]`);
  lines.push('', `countries: ${explanation.countries.length > 0 ? explanation.countries.join(', ') : 'unknown'}${countries.length > 0 ? ` — scores: ${countries.join('; ')}` : ''}`);
  const names = explanation.regions.map((id) => tagger.regions.find((r) => r.id === id)?.name ?? id);
  lines.push('', `regions: ${names.length > 0 ? names.join(', ') : 'none'}`);
  return lines.join('\n');
}

export function formatLintReport(report: LintReport): string {
  const lines = [
    ...report.errors.map((e) => `error: ${e}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    `${report.errors.length} error(s), ${report.warnings.length} warning(s)`,
  ];
  return lines.join('\n');
}
