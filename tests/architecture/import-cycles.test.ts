/**
 * No module of lambdas/, lib/ or bin/ may import itself through others: a
 * cycle hides which step comes first, and ESM evaluates one side of it before
 * the other has run. Relative imports only (`./x.ts`, `../y.ts`), type-only
 * imports included: a cycle of types is still a knot in the design.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Source files (.ts, .js) under a folder, as paths relative to the repository root. */
function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, across lines.
const SPECIFIER = /(?:\b(?:import|export)\s[^'"`;]*?\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;

/** Relative imports of each file, resolved to repository-relative paths (only files that exist). */
export function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    const targets = [...text.matchAll(SPECIFIER)]
      .map((match) => path.normalize(path.join(path.dirname(file), match[2]!)))
      .filter((target) => known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every elementary cycle found by a depth-first walk, each as a path a → b → … → a (one per strongly linked set). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import cycles', () => {
  const files = ['lambdas', 'lib', 'bin'].flatMap(sourceFiles);

  it('walks the whole source tree', () => {
    const graph = importGraph(files);
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(path.normalize('lambdas/handlers/poll-feed.ts'))).toContain(path.normalize('lambdas/feeds/poll-feeds.ts'));
  });

  it('finds none in lambdas/, lib/ and bin/', () => {
    const cycles = findCycles(importGraph(files)).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });
});

describe('findCycles', () => {
  it('reports a cycle through three modules and ignores a diamond', () => {
    const graph = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d']],
      ['d', []],
      ['x', ['y']],
      ['y', ['z']],
      ['z', ['x']],
    ]);
    expect(findCycles(graph)).toEqual([['x', 'y', 'z', 'x']]);
  });
});
