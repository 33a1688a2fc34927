/** `centinela subscribers add|update --countries` (each spawn starts DynamoDB Local: few on purpose), spawned as a user runs it, on a local data folder. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/centinela.js');

async function centinela(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('centinela subscribers --countries, spawned', { timeout: 300_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-subs-'));
  });

  it('adds with Peru only by default or the countries given, lists them, and refuses an unknown code with exit 2', async () => {
    const added = await centinela('subscribers', 'add', 'ana@example.pe', '--data-dir', dataDir);
    expect(added).toMatchObject({ code: 0, stdout: 'Subscribed ana@example.pe: daily 07:00 Lima, es, all themes\n' });
    const more = await centinela('subscribers', 'add', 'luis@example.pe', '--countries', 'pe,EC', '--countries', 'co', '--data-dir', dataDir);
    expect(more).toMatchObject({ code: 0, stdout: 'Subscribed luis@example.pe: daily 07:00 Lima, es, all themes, countries PE, EC, CO\n' });
    const refused = await centinela('subscribers', 'update', 'ana@example.pe', '--countries', 'PE,Ecuador', '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`option '--countries <codes>' argument 'PE,Ecuador' is invalid. unknown country code "Ecuador" in --countries "PE,Ecuador"; use ISO 3166-1 alpha-2 codes such as PE (Peru)`);
    const listed = await centinela('subscribers', 'list', '--json', '--data-dir', dataDir);
    expect(JSON.parse(listed.stdout).map((s: { email: string; countries: string[] }) => [s.email, s.countries])).toEqual([
      ['ana@example.pe', ['PE']],
      ['luis@example.pe', ['PE', 'EC', 'CO']],
    ]);
  });
});
