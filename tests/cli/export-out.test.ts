/**
 * `centinela export --out FILE` is checked before any database is read: a
 * folder that does not exist, or a folder given as the file, is a bad
 * argument (UsageError, exit 2) naming --out and the fix, not a raw ENOENT
 * after the whole period has been read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutFile } from '../../bin/cli/export.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

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
