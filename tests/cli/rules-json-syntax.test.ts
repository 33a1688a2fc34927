/**
 * A rules file with a JSON syntax error (a person editing themes.json or
 * gazetteer.json, docs/rules.md) ends every command that loads the rules with
 * one line naming the file, the line and column, what is wrong and the fix,
 * and exit 2: bin/json-syntax-hook.mjs and bin/cli/json-file-error.ts.
 * The CLI reads the rules from lambdas/tagging/ next to bin/ (there is no
 * option or variable that points it at other rules files), so each test
 * spawns the real CLI from a copy of bin/ and lambdas/ (node_modules linked)
 * whose rules file it breaks.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let copy: string;

/** Runs `node <copy>/bin/centinela.js …` in `cwd` (the copy's root unless given); never rejects. */
async function centinelaIn(args: string[], cwd = copy): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(copy, 'bin/centinela.js'), ...args], { cwd, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Replaces the first `from` in the copy's `file` (under lambdas/tagging/) with `to`; returns a function that puts the shipped text back. */
async function breakRules(file: string, from: string, to: string): Promise<() => Promise<void>> {
  const target = path.join(copy, 'lambdas/tagging', file);
  const shipped = await readFile(target, 'utf8');
  expect(shipped).toContain(from);
  await writeFile(target, shipped.replace(from, to));
  return () => writeFile(target, shipped);
}

describe('a rules file that is not valid JSON', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'centinela-rules-json-'));
    for (const part of ['bin', 'lambdas', 'package.json', 'tsconfig.json']) await cp(path.join(ROOT, part), path.join(copy, part), { recursive: true });
    await symlink(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('lints clean in the untouched copy (so what fails below is the broken file)', async () => {
    const run = await centinelaIn(['rules', 'lint']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/(^|\n)0 error\(s\), \d+ warning\(s\)\n$/);
    expect(run.code).toBe(0);
  });

  it('rules lint: themes.json with a stray comma is named with line, column, reason and fix, on one line, exit 2', async () => {
    const restore = await breakRules('themes.json', '"seeds": [', '"seeds": [,');
    try {
      const run = await centinelaIn(['rules', 'lint']);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: "centinela: lambdas/tagging/themes.json: not valid JSON: line 3, column 13: Unexpected token ','; fix the file (npx centinela rules lint checks it)\n",
      });
    } finally {
      await restore();
    }
  });

  it('poll: the same broken themes.json stops it before any feed is fetched, with the same line (full path when run from elsewhere)', async () => {
    const restore = await breakRules('themes.json', '"seeds": [', '"seeds": [,');
    try {
      const elsewhere = await mkdtemp(path.join(tmpdir(), 'centinela-rules-json-cwd-'));
      const run = await centinelaIn(['poll', '--feed', 'http://127.0.0.1:9/feed.xml'], elsewhere);
      await rm(elsewhere, { recursive: true, force: true });
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `centinela: ${path.join(copy, 'lambdas/tagging/themes.json')}: not valid JSON: line 3, column 13: Unexpected token ','; fix the file (npx centinela rules lint checks it)\n`,
      });
    } finally {
      await restore();
    }
  });

  it('rules explain: a gazetteer.json cut short is named the same way', async () => {
    const target = path.join(copy, 'lambdas/tagging/gazetteer.json');
    const shipped = await readFile(target, 'utf8');
    await writeFile(target, shipped.slice(0, shipped.lastIndexOf('}')));
    try {
      const run = await centinelaIn(['rules', 'explain', 'Sicarios asesinan a un comerciante en Trujillo']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^centinela: lambdas\/tagging\/gazetteer\.json: not valid JSON: line \d+, column \d+: [^\n]+; fix the file \(npx centinela rules lint checks it\)\n$/);
      expect(run.stderr).not.toMatch(/Transform failed|\n\s+at /);
    } finally {
      await writeFile(target, shipped);
    }
  });
});
