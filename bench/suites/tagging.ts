/**
 * Tagging speed on 4 KB articles with every theme's terms in play: the
 * one-pass engine (scan, scoring, combinations, regions and countries), and
 * next to it the reference a plain keyword filter would use: the same
 * phrases as one alternation RegExp over the folded text (matching only, no
 * scoring), with the ratio engine / alternation; and the time to validate
 * and compile the bundled rules. The corpus is generated from a fixed seed,
 * so runs are comparable. On a loaded machine wall-clock figures move with
 * the load; the ratio (both measured in the same run) moves much less, and
 * the `cpu_` figures (articles per second of this process's CPU time, from
 * process.cpuUsage: user + system, all threads, so GC counts) estimate what
 * an idle core would do, since time spent waiting for a core is not counted.
 */
import type { BenchSuite, Figures } from '../suite.ts';
import { elapsedMs, seededRandom } from '../suite.ts';
import { compileRules } from '../../lambdas/tagging/compile-rules.ts';
import { alternationFilter } from '../../lambdas/tagging/reference-matcher.ts';
import { parseGazetteer, parseRules } from '../../lambdas/tagging/rules-schema.ts';
import { createTagger, type TagInput } from '../../lambdas/tagging/tagger.ts';
import gazetteer from '../../lambdas/tagging/gazetteer.json' with { type: 'json' };
import rules from '../../lambdas/tagging/themes.json' with { type: 'json' };

const ARTICLE_BYTES = 4096;
const ARTICLES = 200;
const ENGINE_MS = 2000;
const REFERENCE_MS = 2000;
let sink = 0;

const FILLER = [
  'La Policía informó que los hechos ocurrieron durante la madrugada, según vecinos del sector.',
  'Las autoridades anunciaron que reforzarán el patrullaje en la zona en los próximos días.',
  'El fiscal a cargo del caso indicó que la investigación continúa y que no descarta otras hipótesis.',
  'Los familiares pidieron justicia y exigieron que los responsables sean identificados pronto.',
  'El ministro del Interior se pronunció sobre el caso durante una conferencia en el Congreso.',
  'Officials said the investigation was ongoing and that more arrests could follow in the coming weeks.',
  'Residents told reporters they no longer feel safe walking home after dark in their neighbourhood.',
  'Según cifras oficiales, el número de denuncias aumentó en comparación con el año anterior.',
  'Ayer por la tarde, año tras año, los pobladores marcharon hasta la plaza principal del distrito.',
];


interface RulesShape {
  themes: { terms: { term: string }[]; negatives: { term: string }[] }[];
}

/** Articles of about 4 KB: filler sentences with rule terms (wildcards completed) from every theme. */
export function benchCorpus(seed = 42, count = ARTICLES): TagInput[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const themes = (rules as RulesShape).themes;
  const termOf = (t: { term: string }) => t.term.replace(/\*/g, () => pick(['es', 'ores', 'a', 'ados', '']));
  const articles: TagInput[] = [];
  for (let i = 0; i < count; i++) {
    const focus = themes[i % themes.length] as RulesShape['themes'][number];
    const title = `${pick(FILLER).split(',')[0]} ${termOf(pick(focus.terms))}`;
    let text = '';
    while (text.length < ARTICLE_BYTES) {
      text += `${pick(FILLER)} `;
      const r = next();
      if (r < 0.2) text += `${termOf(pick(focus.terms))}, `;
      else if (r < 0.28) text += `${termOf(pick((pick(themes) as RulesShape['themes'][number]).terms))}. `;
      else if (r < 0.31 && focus.negatives.length > 0) text += `${termOf(pick(focus.negatives))}. `;
    }
    articles.push({ title, summary: '', text: text.slice(0, ARTICLE_BYTES) });
  }
  return articles;
}

const WARM_UP_MS = 1000;

/**
 * Articles handled by `handle` per second of wall-clock time (`wall`) and per
 * second of process CPU time (`cpu`), running over the corpus for at least
 * `ms` of wall-clock time after a warm-up of WARM_UP_MS (on a loaded machine
 * the JIT needs far more than a few calls to reach its optimised code).
 */
function throughput(handle: (article: TagInput) => void, corpus: TagInput[], ms: number): { wall: number; cpu: number } {
  for (const warmStart = performance.now(); performance.now() - warmStart < WARM_UP_MS; ) for (const article of corpus.slice(0, 20)) handle(article);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let done = 0;
  while (performance.now() - start < ms) {
    for (const article of corpus) handle(article);
    done += corpus.length;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: done / ((performance.now() - start) / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

export default {
  name: 'tagging',
  async run(): Promise<Figures> {
    const loadStart = performance.now();
    const engine = createTagger(rules, gazetteer);
    const loadMs = elapsedMs(loadStart);
    const filter = alternationFilter(compileRules(parseRules(rules), parseGazetteer(gazetteer)).index.phrases);
    const corpus = benchCorpus();
    const bytes = corpus.reduce((sum, a) => sum + Buffer.byteLength(a.title) + Buffer.byteLength(a.text), 0) / corpus.length;
    const engineRate = throughput((a) => engine.tag(a), corpus, ENGINE_MS);
    const alternationRate = throughput((a) => (sink += filter([a.title, a.summary, a.text])), corpus, REFERENCE_MS);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    return {
      'tagging.articles_per_s': Math.round(engineRate.wall),
      'tagging.mb_per_s': Math.round(((engineRate.wall * bytes) / 1e6) * 10) / 10,
      'tagging.alternation_articles_per_s': Math.round(alternationRate.wall),
      'tagging.engine_vs_alternation_ratio': ratio(engineRate.wall, alternationRate.wall),
      'tagging.cpu_articles_per_s': Math.round(engineRate.cpu),
      'tagging.alternation_cpu_articles_per_s': Math.round(alternationRate.cpu),
      'tagging.engine_vs_alternation_cpu_ratio': ratio(engineRate.cpu, alternationRate.cpu),
      'tagging.load_ms': loadMs,
    };
  },
} satisfies BenchSuite;
