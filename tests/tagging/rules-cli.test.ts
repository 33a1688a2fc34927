/** `centinela rules …` (bin/cli/rules.ts, bin/cli/page-input.ts), run in-process through commander. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageInput } from '../../bin/cli/page-input.ts';
import { reportCommandError } from '../../bin/cli/output.ts';
import { registerRulesCommand } from '../../bin/cli/rules.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const program = new Command('centinela').exitOverride();
  registerRulesCommand(program);
  process.exitCode = undefined;
  let exitCode = 0;
  try {
    await program.parseAsync(['node', 'centinela', 'rules', ...args]);
    exitCode = Number(process.exitCode ?? 0);
  } catch (error) {
    // As bin/cli/main.ts does; commander printed its own errors (to the stderr above).
    exitCode = reportCommandError(error, true, (e) => e instanceof UsageError);
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
  return { stdout, stderr, exitCode };
}

const dir = mkdtempSync(path.join(tmpdir(), 'centinela-rules-'));
function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}
const lines = [
  { id: 'a', title: 'Extorsionadores cobran cupos en Trujillo', text: 'Los extorsionadores exigen el pago de cupos.', labels: ['extortion'] },
  { id: 'b', title: 'Festival de cocina en Lima', text: 'Cocineros de todo el país.', labels: [] },
];

afterEach(() => vi.restoreAllMocks());

describe('centinela rules eval', () => {
  it('prints a table of precision, recall and F1 per theme with micro averages, and exits 0', async () => {
    const result = await run('eval', file('ok.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^theme\s+precision\s+recall\s+F1\s+TP\s+FP\s+FN\nextortion\s+100\.0%/);
    expect(result.stdout).toMatch(/\nmicro\s+100\.0%\s+100\.0%\s+100\.0%\n$/);
  });

  it('prints exactly one JSON object with --json', async () => {
    const result = await run('eval', file('ok2.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')), '--json');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({
      themes: { extortion: { precision: 1, recall: 1, f1: 1, tp: 1, fp: 0, fn: 0 } },
      micro: { precision: 1, recall: 1, f1: 1 },
    });
  });

  it('exits 0 when the scores are poor', async () => {
    const wrong = [{ id: 'x', title: 'Festival de cocina', text: 'Nada.', labels: ['prisons'] }];
    const result = await run('eval', file('poor.jsonl', JSON.stringify(wrong[0])), '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).micro.f1).toBe(0);
  });

  it('exits 2 naming a missing file', async () => {
    const result = await run('eval', path.join(dir, 'nope.jsonl'));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/nope\.jsonl does not exist/);
  });

  it('exits 2 naming the bad line and the expected shape', async () => {
    const result = await run('eval', file('bad.jsonl', `${JSON.stringify(lines[0])}\n{"id": 3}`));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/bad\.jsonl line 2: .*"id".*each line must look like/);
  });

  it('with --misses, lists each false positive and false negative with score vs threshold, what fired and what was suppressed', async () => {
    const missed = [
      { id: 'fn1', title: 'Visita al penal', text: 'El penal de la ciudad.', labels: ['prisons'] },
      { id: 'fp1', title: 'Incautan cocaína en el puerto', text: 'Dos toneladas de cocaína en contenedores.', labels: [] },
      { id: 'ok', title: 'Erradican cultivos de coca', text: 'El CORAH erradicó cultivos de coca ilegal.', labels: ['coca'] },
    ];
    const result = await run('eval', file('misses.jsonl', missed.map((l) => JSON.stringify(l)).join('\n')), '--misses');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\ncoca {2}false positive {2}fp1 {2}score [\d.]+ \/ 4 {2}Incautan cocaína en el puerto\n +\+[\d.]+ {2}cocaína {2}“/);
    expect(result.stdout).toMatch(/\nprisons {2}false negative {2}fn1 {2}score 0 \/ 4 {2}Visita al penal\n +\(off\) {2}penal: context missing {2}“Visita al penal”/);
    expect(result.stdout).not.toMatch(/ {2}ok {2}/);
  });

  it('puts the misses in --json, and country accuracy when lines carry "country"', async () => {
    const withCountry = [
      { id: 'pe', title: 'Extorsionadores cobran cupos en Trujillo', text: 'La Policía Nacional del Perú detuvo a la banda.', labels: ['extortion'], country: 'Peru' },
      { id: 'ec', title: 'Extorsionadores cobran vacunas en Guayaquil', text: 'La policía de Ecuador detuvo a la banda en Guayaquil.', labels: ['extortion'], country: 'other' },
      { id: 'wrong', title: 'Extorsión en Quito', text: 'En Quito, Ecuador, una banda cobra cupos.', labels: ['extortion'], country: 'Peru' },
    ];
    const result = await run('eval', file('country.jsonl', withCountry.map((l) => JSON.stringify(l)).join('\n')), '--json', '--misses');
    const parsed = JSON.parse(result.stdout);
    expect(parsed.country).toEqual({ accuracy: 0.6667, articles: 3, correct: 2, misses: [{ id: 'wrong', title: 'Extorsión en Quito', expected: 'Peru', predicted: ['EC'] }] });
    expect(parsed.misses).toEqual([]);
  });

  it('warns about labels that are not theme ids', async () => {
    const result = await run('eval', file('unknown.jsonl', JSON.stringify({ ...lines[0], labels: ['kidnapping'] })));
    expect(result.stderr).toMatch(/labels kidnapping are not theme ids/);
  });
});

describe('centinela rules explain', () => {
  it('shows themes, scores, terms with seeds and snippets, and regions', async () => {
    const result = await run('explain', '--title', 'Reos del penal de Lurigancho', 'El INPE trasladó a los internos a Puno.');
    expect(result.stdout).toMatch(/prisons \(Prisons\): score [\d.]+ \/ threshold 4 — TAGGED/);
    expect(result.stdout).toMatch(/penal de Lurigancho {2}\(weight 3, 1×, first in title, from coverage\)/);
    expect(result.stdout).toMatch(/regions: Lima, Penal de Lurigancho, Puno\n/);
  });

  it('shows suppressed terms with the reason, combinations with their groups, and the countries', async () => {
    const result = await run('explain', '--title', 'Protestas en Ayacucho', 'Ocho manifestantes muertos por disparos de militares en el aeropuerto. Un mate de coca.');
    expect(result.stdout).toMatch(/combination deaths_protest_forces {2}\(weight 3, /);
    expect(result.stdout).toMatch(/groups: @death_injury “muertos” \+ @protest “manifestantes” \+ @security_forces “militares”/);
    expect(result.stdout).toMatch(/\(off\) {2}coca: negative context \(mate de coca\), 1×, first in text/);
    expect(result.stdout).toMatch(/countries: PE — scores: PE 4 \[Ayacucho\]/);
  });

  it('prints the explanation as JSON with --json', async () => {
    const result = await run('explain', '--json', 'Cobro de cupos y extorsiones en Chiclayo');
    const explanation = JSON.parse(result.stdout);
    expect(explanation.themes[0].theme).toBe('extortion');
    expect(explanation.regions).toEqual(['chiclayo', 'lambayeque']);
  });

  it('reads a file', async () => {
    const result = await run('explain', '--file', file('nota.txt', 'Minería ilegal en Pataz: mineros ilegales atacan.'));
    expect(result.stdout).toMatch(/illegal_mining/);
  });

  it('exits 2 without exactly one source of text', async () => {
    expect((await run('explain')).exitCode).toBe(2);
    expect((await run('explain', 'texto', '--file', 'x.txt')).exitCode).toBe(2);
  });
});

describe('centinela rules lint', () => {
  it('reports no errors and no warnings for the bundled rules without a seed folder (a fresh clone)', async () => {
    const result = await run('lint');
    expect(result).toEqual({ stdout: '0 error(s), 0 warning(s)\n', stderr: '', exitCode: 0 });
  });

  it('with --seeds, checks the listed seed files exist in the folder', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'centinela-seeds-'));
    const result = await run('lint', '--seeds', empty);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/error: themes, seeds: "000_b5f78233c7c9bf95.txt" is not in the seed folder/);
  });

  it('exits 2 naming the folder when --seeds does not exist', async () => {
    const result = await run('lint', '--seeds', path.join(dir, 'no-such-folder'));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--seeds .*no-such-folder does not exist/);
  });
});

describe('pageInput', () => {
  it('takes title and main text from HTML', () => {
    const html = '<html><head><title>Reos &amp; penales</title></head><body><article><p>El INPE trasladó a cincuenta internos del penal.</p></article></body></html>';
    expect(pageInput(html)).toEqual({ title: 'Reos & penales', summary: '', text: 'El INPE trasladó a cincuenta internos del penal.' });
  });

  it('keeps plain text as the body', () => {
    expect(pageInput('texto plano', 'Título')).toEqual({ title: 'Título', summary: '', text: 'texto plano' });
  });
});
