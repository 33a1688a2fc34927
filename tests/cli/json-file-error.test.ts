/**
 * The two parts that turn a JSON data file broken by hand into one clear line:
 * the loader hook (bin/json-syntax-hook.mjs) that stands in for the file only
 * when it is not valid JSON, and jsonFileError (bin/cli/json-file-error.ts),
 * the error the stand-in throws. tests/cli/rules-json-syntax.test.ts runs them
 * together in the real CLI.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonFileError } from '../../bin/cli/json-file-error.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

type Loaded = { format: string; source?: string; shortCircuit?: boolean };
type Load = (url: string, context: object, nextLoad: (url: string, context: object) => Promise<Loaded>) => Promise<Loaded>;

const HOOK = path.resolve(import.meta.dirname, '../../bin/json-syntax-hook.mjs');
let dir: string;
let load: Load;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'centinela-json-file-error-'));
  ({ load } = (await import(HOOK)) as { load: Load });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, text);
  return target;
}

describe('jsonFileError', () => {
  it('names a file outside the rules folder by its full path, with line, column and reason, as a UsageError (exit 2), without the rules lint hint', async () => {
    const target = await file('feeds.json', '[\n  {"id": "a"}\n  {"id": "b"}\n]\n');
    const error = jsonFileError(target);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`${target}: not valid JSON: line 3, column 3: Expected ',' or ']' after array element; fix the file`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('says so, as a plain error, when the file is valid JSON again or cannot be read', async () => {
    const fixed = jsonFileError(await file('fixed.json', '{"ok": true}'));
    expect(fixed).not.toBeInstanceOf(UsageError);
    expect(fixed.message).toMatch(/fixed\.json: failed to load, yet it is valid JSON now \(was it being edited\?\); run the command again$/);
    const missing = jsonFileError(path.join(dir, 'missing.json'));
    expect(missing).not.toBeInstanceOf(UsageError);
    expect(missing.message).toMatch(/missing\.json: could not be read: ENOENT/);
  });
});

describe('the JSON syntax loader hook', () => {
  const refused = new Error('Transform failed with 1 error');
  const failing = async () => {
    throw refused;
  };

  it('returns what the next loader returns when it loads', async () => {
    const loaded = { format: 'module', source: 'export default 1;' };
    expect(await load('file:///x/themes.json', {}, async () => loaded)).toBe(loaded);
  });

  it('stands in for a .json file that is not valid JSON with a module that throws jsonFileError for it and exports a default', async () => {
    const target = await file('themes.json', '{"themes": [,]}');
    const loaded = await load(pathToFileURL(target).href, {}, failing);
    const errorModule = pathToFileURL(path.resolve(import.meta.dirname, '../../bin/cli/json-file-error.ts')).href;
    expect(loaded).toEqual({
      format: 'module',
      shortCircuit: true,
      source: `import { jsonFileError } from ${JSON.stringify(errorModule)};\nthrow jsonFileError(${JSON.stringify(target)});\nexport default undefined;\n`,
    });
  });

  it("passes the next loader's error on for a valid .json file, a missing one, and any other module", async () => {
    const valid = await file('gazetteer.json', '{"regions": []}');
    await expect(load(pathToFileURL(valid).href, {}, failing)).rejects.toBe(refused);
    await expect(load(pathToFileURL(path.join(dir, 'absent.json')).href, {}, failing)).rejects.toBe(refused);
    const broken = await file('broken.ts', 'export const x = ;');
    await expect(load(pathToFileURL(broken).href, {}, failing)).rejects.toBe(refused);
    await expect(load('node:fs', {}, failing)).rejects.toBe(refused);
  });
});
