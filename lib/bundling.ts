/**
 * How every handler is bundled, shared by the stack (NodejsFunction) and the
 * bundle benchmark (esbuild directly), so the figures measure what deploys.
 *
 * ESM, minified, the AWS SDK bundled (it imports ~80 ms faster than the
 * runtime's copy), and a `require` made with createRequire because rss-parser
 * and its dependencies are CommonJS. Packages that are loaded but never used
 * are replaced by stubs (`moduleStubs`), paths relative to the project root.
 * Size budgets per function: tests/lib/bundle-size.test.ts; where the bytes
 * go: `npm run bench -- bundle` and docs/load.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const handlersDir = path.join(projectRoot, 'lambdas', 'handlers');

/** Handler file (without .ts) of each function the stack deploys. */
export type FunctionName = 'dispatch' | 'poll-feed' | 'send-digests' | 'unsubscribe' | 'ses-events' | 'web' | 'check-alerts';

export function handlerEntry(name: FunctionName): string {
  return path.join(handlersDir, `${name}.ts`);
}

/** Node.js 24 on Lambda; esbuild target and runtime move together. */
export const nodeTarget = 'node24';

export const esmRequireBanner =
  "import { createRequire as __centinelaCreateRequire } from 'node:module'; const require = __centinelaCreateRequire(import.meta.url);";

/** Package → stub, for esbuild's `alias` (resolved from the project root). */
export const moduleStubs: Record<string, string> = {
  // xml2js (under rss-parser) loads xmlbuilder for writing XML, which nothing here does: 67 KB.
  xmlbuilder: './lib/stubs/xmlbuilder.cjs',
};

/** The esbuild options both the stack and the benchmark use (build from the project root: `absWorkingDir`). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: nodeTarget,
  minify: true,
  sourcemap: false,
  // Prefer ESM builds of dependencies (the SDK ships both).
  mainFields: ['module', 'main'],
  banner: { js: esmRequireBanner },
  alias: moduleStubs,
  absWorkingDir: projectRoot,
} as const;
