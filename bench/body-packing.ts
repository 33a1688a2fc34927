/**
 * What packing the article body costs and saves (lambdas/store/article-body.ts):
 * `npx tsx bench/body-packing.ts` [CENTINELA_TAGGING_DEV=path to articles.jsonl,
 * default ../shared/tagging-dev/articles.jsonl].
 *
 * For the team's real articles (tagged by the bundled rules, as a poll stores
 * them: summary = the text's first 300 characters, one source, writeId on the
 * record) and 2,000 of the bench's synthetic ones (bench/synthetic-article.ts),
 * and for Brotli quality 0–5 at a 64 KB window, then for packBody as the store
 * runs it, prints per article:
 *  - CPU to pack (JSON and compression), warm: one article after another;
 *  - CPU to pack with the cache cold: 4 MB of memory walked before each, as
 *    in a poll, where the SDK and DynamoDB Local run between two articles;
 *  - the body's bytes, the record's bytes and write units as AWS bills them
 *    (bench/item-size.ts on the record as the document client marshalls it),
 *    and how many records need more than 2 write units;
 * and the most quality 5 saves over each lower quality, as a share of its
 * bytes (what article-body.ts's MAX_TIGHT_GAIN must stay above), also on
 * long texts (several real articles joined, up to 16,000 characters).
 * CPU is process CPU time (process.cpuUsage), median of ROUNDS (default 5)
 * alternating rounds; on a loaded machine read the ratios.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Article } from '../lambdas/model/article.ts';
import { packBody, packBodyAt, type BodyFields } from '../lambdas/store/article-body.ts';
import { articleItem, MAX_STORED_TEXT } from '../lambdas/store/article-items.ts';
import { parseLabelledArticles } from '../lambdas/tagging/evaluate.ts';
import { loadTagger } from '../lambdas/tagging/tagger.ts';
import { itemBytes, itemWriteUnits } from './item-size.ts';
import { seededRandom } from './suite.ts';
import { syntheticArticle } from './synthetic-article.ts';

const FILE = process.env.CENTINELA_TAGGING_DEV ?? '../shared/tagging-dev/articles.jsonl';
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const QUALITIES = [0, 1, 2, 3, 4, 5];
const NOW = Date.parse('2026-11-22T17:00:00.000Z');

function realArticles(): Article[] {
  const content = readFileSync(FILE, 'utf8');
  const urls = content.split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { url: string }).url);
  const tagger = loadTagger();
  return parseLabelledArticles(content, FILE).map((row, i) => {
    const url = urls[i]!;
    const draft = {
      id: createHash('sha256').update(url).digest('hex').slice(0, 32),
      canonicalUrl: url,
      title: row.title,
      summary: row.text.slice(0, 300),
      text: row.text,
      categories: [],
      publishedAt: '2026-11-20T14:30:00.000Z',
      dateSource: 'feed' as const,
      firstSeenAt: '2026-11-20T14:35:00.000Z',
      feedId: 'elcomercio',
      sources: [{ feedId: 'elcomercio', feedName: 'El Comercio', link: url }],
    };
    return { ...draft, ...tagger.tag(draft) };
  });
}

type Packer = (fields: BodyFields, otherBytes: number) => { body: Uint8Array } | BodyFields;

const atQuality =
  (quality: number): Packer =>
  (fields) =>
    packBodyAt(fields, quality);

const fieldsOf = (a: Article): BodyFields => ({ summary: a.summary, text: a.text.slice(0, MAX_STORED_TEXT), themes: a.themes });

/** The record without its body, as insertArticles writes it, and its size. */
function restOf(a: Article): { rest: Record<string, unknown>; bytes: number } {
  const { body: _body, summary: _s, text: _t, themes: _th, ...rest } = articleItem(a, 400, { writeId: randomUUID() });
  return { rest, bytes: itemBytes(marshall(rest, { removeUndefinedValues: true })) };
}

const junk = new Uint32Array(2 ** 20);
function coolCache(): void {
  for (let i = 0; i < junk.length; i += 16) junk[i]!++;
}

function cpuPerArticle(pack: Packer, set: { fields: BodyFields; otherBytes: number }[], cold: boolean): number {
  let micros = 0;
  for (const { fields, otherBytes } of set) {
    if (cold) coolCache();
    const before = process.cpuUsage();
    pack(fields, otherBytes);
    const used = process.cpuUsage(before);
    micros += used.user + used.system;
  }
  return micros / 1000 / set.length;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const fixed = (n: number, digits: number) => n.toFixed(digits);

function report(name: string, articles: Article[]): void {
  const set = articles.map((a) => ({ article: a, fields: fieldsOf(a), ...restOf(a) }));
  const inputs = set.map((s) => ({ fields: s.fields, otherBytes: s.bytes }));
  const packers: [string, Packer][] = [...QUALITIES.map((q): [string, Packer] => [`quality ${q}`, atQuality(q)]), ['packBody', packBody]];
  const times = new Map<string, { warm: number[]; cold: number[] }>(packers.map(([label]) => [label, { warm: [], cold: [] }]));
  for (const [, pack] of packers) cpuPerArticle(pack, inputs.slice(0, 100), false);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, pack] of round % 2 === 0 ? packers : [...packers].reverse()) {
      times.get(label)!.warm.push(cpuPerArticle(pack, inputs, false));
      times.get(label)!.cold.push(cpuPerArticle(pack, inputs, true));
    }
  }
  const plainUnits = set.reduce((t, s) => t + itemWriteUnits(marshall({ ...s.rest, ...s.fields }, { removeUndefinedValues: true })), 0) / set.length;
  console.log(`\n${name}: ${set.length} articles; record unpacked ${fixed(plainUnits, 3)} WCU on average; rest of the record median ${median(set.map((s) => s.bytes))} bytes`);
  console.log('packing      CPU ms warm  CPU ms cold  body bytes  record bytes  record WCU  records > 2 WCU');
  for (const [label, pack] of packers) {
    const records = set.map((s) => marshall({ ...s.rest, ...pack(s.fields, s.bytes) }, { removeUndefinedValues: true }));
    const bodies = set.map((s) => pack(s.fields, s.bytes)).map((p) => ('body' in p ? p.body.byteLength : 0));
    const units = records.map(itemWriteUnits);
    const { warm, cold } = times.get(label)!;
    console.log(
      `${label.padEnd(12)} ${fixed(median(warm), 4).padStart(11)}  ${fixed(median(cold), 4).padStart(11)}  ${fixed(bodies.reduce((t, b) => t + b, 0) / bodies.length, 1).padStart(10)}  ` +
        `${fixed(records.reduce((t, r) => t + itemBytes(r), 0) / records.length, 1).padStart(12)}  ${fixed(units.reduce((t, u) => t + u, 0) / units.length, 3).padStart(10)}  ${String(units.filter((u) => u > 2).length).padStart(15)}`,
    );
  }
}

function maxGains(name: string, fields: BodyFields[]): void {
  const bytes = (q: number, f: BodyFields) => {
    const packed = atQuality(q)(f, 0);
    return 'body' in packed ? packed.body.byteLength : Infinity;
  };
  const gains = QUALITIES.slice(0, -1).map((q) => Math.max(...fields.map((f) => 1 - bytes(5, f) / bytes(q, f))));
  console.log(`${name}: most quality 5 saves over quality ${QUALITIES.slice(0, -1).join('/')}: ${gains.map((g) => fixed(g, 3)).join(' / ')}`);
}

const real = realArticles();
const next = seededRandom(42);
const synthetic = Array.from({ length: 2000 }, (_, n) => syntheticArticle(n + 1, next, NOW));
report('real (tagging-dev)', real);
report('synthetic (bench)', synthetic);
console.log('');
maxGains('real', real.map(fieldsOf));
maxGains('synthetic', synthetic.map(fieldsOf));
const long = Array.from({ length: 60 }, (_, i) => {
  const joined = real.slice((i * 7) % real.length).concat(real).slice(0, 2 + (i % 9)).map((a) => a.text).join('\n\n');
  return { ...fieldsOf(real[i]!), text: joined.slice(0, MAX_STORED_TEXT) };
});
maxGains(`long (${Math.min(...long.map((f) => f.text.length))}–${Math.max(...long.map((f) => f.text.length))} characters)`, long);
