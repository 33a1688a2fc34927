/**
 * The unit tier runs its files without isolation (vitest.config.ts, project
 * `unit`, `isolate: false`): the files of one worker share one module cache.
 * So a unit test file must not replace a module (`vi.mock`, `vi.doMock`: the
 * replacement would stay for every later file of that worker), must turn fake
 * timers off again in the same file, and changes environment variables only
 * through `vi.stubEnv` (undone after each test by `unstubEnvs`), never by
 * assigning `process.env`. An integration test (`*.int.test.ts`) runs
 * isolated and may do any of these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Unit test files (`tests/**\/*.test.ts` but not `*.int.test.ts`), as paths relative to the repository root. */
function unitTestFiles(): string[] {
  return readdirSync(path.join(root, 'tests'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts') && !entry.name.endsWith('.int.test.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * What in a test file's text would leak into the next file of a shared module
 * cache, one message per problem (empty when none). Comments and the
 * contents of string literals are ignored.
 */
export function sharedCacheProblems(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (token) =>
    token.startsWith('/') ? '' : token[0]! + token[0]!,
  );
  const problems: string[] = [];
  if (/\bvi\s*\.\s*(?:do)?[mM]ock\s*\(/.test(code)) {
    problems.push(`${file} replaces a module with vi.mock/vi.doMock: pass the dependency in (a port) instead, or rename the file to *.int.test.ts so it runs isolated`);
  }
  if (/\bvi\s*\.\s*useFakeTimers\s*\(/.test(code) && !/\bvi\s*\.\s*useRealTimers\s*\(/.test(code)) {
    problems.push(`${file} turns on fake timers and never calls vi.useRealTimers(): call it in an afterEach`);
  }
  if (/\bprocess\.env(?:\.\w+|\[[^\]]+\])\s*(?:=(?!=)|\?\?=|\|\|=)|\bdelete\s+process\.env\b|\bObject\.assign\s*\(\s*process\.env\b/.test(code)) {
    problems.push(`${file} changes process.env directly: use vi.stubEnv(name, value), which is undone after each test`);
  }
  return problems;
}

describe('unit test files, which share a module cache per worker', () => {
  it('finds each kind of leak, and nothing in a file without one', () => {
    expect(sharedCacheProblems('a.test.ts', "vi.mock('../x.ts');")).toHaveLength(1);
    expect(sharedCacheProblems('a.test.ts', "vi.doMock('../x.ts', () => ({}));")).toHaveLength(1);
    expect(sharedCacheProblems('a.test.ts', 'beforeEach(() => vi.useFakeTimers());')).toHaveLength(1);
    expect(sharedCacheProblems('a.test.ts', 'beforeEach(() => vi.useFakeTimers()); afterEach(() => vi.useRealTimers());')).toEqual([]);
    expect(sharedCacheProblems('a.test.ts', "process.env.TZ = 'UTC';")).toHaveLength(1);
    expect(sharedCacheProblems('a.test.ts', "process.env['TZ'] ??= 'UTC';")).toHaveLength(1);
    expect(sharedCacheProblems('a.test.ts', 'delete process.env.TZ;')).toHaveLength(1);
    expect(sharedCacheProblems('a.test.ts', "if (process.env.TZ === 'UTC') vi.stubEnv('TZ', 'UTC'); // vi.mock('x')")).toEqual([]);
  });

  it('replace no module, leave no fake timers on and assign no environment variable', () => {
    const files = unitTestFiles();
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((file) => sharedCacheProblems(file, readFileSync(path.join(root, file), 'utf8')))).toEqual([]);
  });
});
