/**
 * `centinela export --out FILE` is checked before any database is read: a
 * folder that does not exist, or a folder given as the file, is a bad
 * argument (UsageError, exit 2) naming --out and the fix, not a raw ENOENT
 * after the whole period has been read. An existing file is not overwritten
 * unless --force says so: a second export of the same period (same default
 * file name) is refused, naming the file and both fixes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutFile, writeExport } from '../../bin/cli/export.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';
import { centinela } from './run-cli.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'centinela-export-out-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('checkOutFile', () => {
  it('accepts a new file in an existing folder', async () => {
    await expect(checkOutFile(path.join(folder, 'mineria.csv'))).resolves.toBeUndefined();
  });

  it('refuses a file in a folder that does not exist, naming --out, the folder and the fix', async () => {
    const file = path.join(folder, 'no-such-folder', 'x.csv');
    const refusal = checkOutFile(file);
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(
      `--out ${file}: the folder ${path.join(folder, 'no-such-folder')} does not exist; create it first (mkdir -p) or pick another --out.`,
    );
  });

  it('refuses a folder given as the file, with an example file name in it', async () => {
    const refusal = checkOutFile(folder);
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(`--out ${folder} is a folder; give a file name, e.g. --out ${path.join(folder, 'centinela.csv')}.`);
  });
});

describe('an existing file', () => {
  const existing = path.join(folder, 'centinela-2026-11-01_2026-11-30.csv');
  const refusal = `${existing} already exists; give --out another file name, or add --force to replace it.`;

  it('is refused without --force, naming the file and both fixes', async () => {
    writeFileSync(existing, 'first export\n');
    const check = checkOutFile(existing);
    await expect(check).rejects.toBeInstanceOf(UsageError);
    await expect(check).rejects.toThrow(refusal);
  });

  it('is accepted with --force', async () => {
    writeFileSync(existing, 'first export\n');
    await expect(checkOutFile(existing, 'csv', true)).resolves.toBeUndefined();
  });

  it('is not overwritten by the write itself when it appeared after the check', async () => {
    writeFileSync(existing, 'first export\n');
    const write = writeExport(existing, 'second export\n');
    await expect(write).rejects.toBeInstanceOf(UsageError);
    await expect(write).rejects.toThrow(refusal);
    expect(readFileSync(existing, 'utf8')).toBe('first export\n');
  });

  it('is replaced by the write with --force, and a new file is created without it', async () => {
    writeFileSync(existing, 'first export\n');
    await writeExport(existing, 'second export\n', true);
    expect(readFileSync(existing, 'utf8')).toBe('second export\n');
    const fresh = path.join(folder, 'fresh.jsonl');
    await writeExport(fresh, '{}\n');
    expect(readFileSync(fresh, 'utf8')).toBe('{}\n');
  });

  it('makes `centinela export --out EXISTING` exit 2 before any database is read, leaving the file as it was', async () => {
    writeFileSync(existing, 'first export\n');
    // An empty data folder: were the database opened, this would start DynamoDB Local, not exit 2 at once.
    const result = await centinela(['export', '--out', existing, '--data-dir', path.join(folder, 'no-database')]);
    expect(result.stderr).toContain(`centinela: ${refusal}`);
    expect(result.code).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('first export\n');
    expect(existsSync(path.join(folder, 'no-database'))).toBe(false); // the store was never opened
  }, 30_000);
});
