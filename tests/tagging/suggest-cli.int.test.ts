/** `centinela rules suggest`, spawned as a user runs it (no database). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { centinela } from '../cli/run-cli.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, 'fixtures/suggest-examples.jsonl');

describe('centinela rules suggest', { timeout: 120_000 }, () => {
  // With phrases the fixture holds n^P = 22 and n^N = 20 candidate counts (α_0 = 42), so for extorsionadores (3, 0):
  // δ = ln(6/58) − ln(3/59) = 0.710, z = δ / √(1/6 + 1/3) = 1.004; for cobran (2, 0): δ = ln 2, z = 0.800.
  it('prints the ranked candidates with counts, what already covers them and an example, and says it edits nothing', async () => {
    const result = await centinela(['rules', 'suggest', FIXTURE, '--theme', 'extortion', '--limit', '3']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual([
      `extortion: 3 positive and 3 negative article(s) in ${FIXTURE}; 3 candidate(s), best first (log-odds with informative Dirichlet prior, Monroe et al. 2008).`,
      'Review each before adding it to themes.json: this command never edits the rules.',
      '',
      '  #       z      pos      neg  phrase           covered by',
      '----------------------------------------------------------',
      '  1    1.00      3/3      0/3  extorsionadores  extorsion*',
      '     p1: “Cupos en Ate Extorsionadores cobran cupos.”',
      '  2    0.80      2/3      0/3  cobran           -',
      '     p1: “Cupos en Ate Extorsionadores cobran cupos.”',
      '  3    0.80      2/3      0/3  cupos            cupos',
      '     p1: “Cupos en Ate Extorsionadores cobran cupos.”',
      '',
    ]);
  });

  it('--json prints one object with every candidate', async () => {
    const result = await centinela(['rules', 'suggest', FIXTURE, '--theme', 'extortion', '--json']);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ theme: 'extortion', positives: 3, negatives: 3 });
    expect(parsed.candidates.map((c: { phrase: string }) => c.phrase)).toEqual(['extorsionadores', 'cobran', 'cupos', 'extorsionadores cobran']);
    expect(parsed.candidates[3]).toEqual({
      phrase: 'extorsionadores cobran', words: 2, z: 0.8, logOdds: 0.693, positives: 2, negatives: 0,
      example: { id: 'p1', snippet: 'Cupos en Ate Extorsionadores cobran cupos.' }, coveredBy: 'extorsion*',
    });
  });

  it('accepts a theme the rules do not have yet, saying nothing is marked as covered', async () => {
    const result = await centinela(['rules', 'suggest', FIXTURE, '--theme', 'vaccines', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('rules suggest: "vaccines" is not a theme of the rules yet, so no candidate is marked as covered\n');
    expect(JSON.parse(result.stdout)).toMatchObject({ theme: 'vaccines', positives: 2, negatives: 4 });
  });

  it.each([
    [['--theme', 'extortion', '--limit', '0'], 'rules suggest: --limit 0 is not a whole number from 1 to 1000; e.g. --limit 30'],
    [['--theme', 'coca'], 'rules suggest: no article is labelled "coca", so there is nothing to learn from; label some positives or pick another theme'],
    [[], "required option '--theme <id>' not specified"],
  ])('refuses %j with exit 2 and says how to fix it', async (args, message) => {
    const result = await centinela(['rules', 'suggest', FIXTURE, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('names a missing file and where relative paths start', async () => {
    const result = await centinela(['rules', 'suggest', 'no/such/file.jsonl', '--theme', 'extortion']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rules suggest: file no/such/file.jsonl does not exist; check the path (relative paths start at');
  });
});
