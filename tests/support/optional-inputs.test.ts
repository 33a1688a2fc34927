import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, runHint } from './optional-inputs.ts';

async function folderWith(files: Record<string, number>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'centinela-path-'));
  for (const [name, mode] of Object.entries(files)) {
    await writeFile(path.join(dir, name), '#!/bin/sh\n');
    await chmod(path.join(dir, name), mode);
  }
  return dir;
}

describe('findChromium', () => {
  it('finds chromium, chromium-browser or google-chrome on PATH, in that order of names', async () => {
    const first = await folderWith({ 'google-chrome': 0o755 });
    const second = await folderWith({ 'chromium-browser': 0o755 });
    expect(findChromium({ PATH: [first, second].join(path.delimiter) })).toBe(path.join(second, 'chromium-browser'));
    expect(findChromium({ PATH: first })).toBe(path.join(first, 'google-chrome'));
  });

  it('skips files that are not executable', async () => {
    const dir = await folderWith({ chromium: 0o644 });
    expect(findChromium({ PATH: dir })).toBeUndefined();
  });

  it('prefers CHROME_PATH, and finds nothing when CHROME_PATH is not an executable file', async () => {
    const onPath = await folderWith({ chromium: 0o755 });
    const own = await folderWith({ 'my-chrome': 0o755 });
    expect(findChromium({ PATH: onPath, CHROME_PATH: path.join(own, 'my-chrome') })).toBe(path.join(own, 'my-chrome'));
    expect(findChromium({ PATH: onPath, CHROME_PATH: path.join(own, 'missing') })).toBeUndefined();
  });

  it('finds nothing on an empty PATH', () => {
    expect(findChromium({ PATH: '' })).toBeUndefined();
  });
});

describe('runHint', () => {
  it("names the team's copy when it exists here", () => {
    const seen: string[] = [];
    const hint = runHint('CENTINELA_FEEDS_CORPUS', '../shared/feeds-corpus', '/path/to/feeds-corpus', (p) => (seen.push(p), true));
    expect(hint).toBe('CENTINELA_FEEDS_CORPUS=../shared/feeds-corpus npm test');
    expect(seen).toEqual([path.resolve('../shared/feeds-corpus')]);
  });

  it('names a placeholder path in a clone without ../shared, as the README table does', () => {
    expect(runHint('CENTINELA_TAGGING_DEV', '../shared/tagging-dev/articles.jsonl', '/path/to/articles.jsonl', () => false)).toBe(
      'CENTINELA_TAGGING_DEV=/path/to/articles.jsonl npm test',
    );
  });
});
