/**
 * How every handler is bundled, shared by the stack (NodejsFunction) and the
 * bundle benchmark (esbuild directly), so the figures measure what deploys.
 *
 * ESM, minified, UTF-8 output (esbuild otherwise writes each non-ASCII
 * letter as a 6-byte \u escape), no legal-comment block, the AWS
 * SDK bundled (it imports ~80 ms faster than the runtime's copy), and a
 * `require` made with createRequire because rss-parser and its dependencies
 * are CommonJS. Packages that are loaded but never used in Lambda are
 * replaced by stubs, and duplicated packages folded into one copy
 * (`moduleAliases`, paths relative to the project root).
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

/**
 * Package → replacement, for esbuild's `alias` (resolved from the project
 * root; an alias also covers the package's subpaths, `entities/decode`).
 */
export const moduleAliases: Record<string, string> = {
  // xml2js (under rss-parser) loads xmlbuilder for writing XML, which nothing here does: 67 KB.
  xmlbuilder: './lib/stubs/xmlbuilder.cjs',
  // The SDK's default credential chain; in Lambda only its environment link ever answers (see the stub): ~130 KB.
  '@aws-sdk/credential-provider-node': './lib/stubs/credential-provider-env-only.mjs',
  // One copy of the HTML entity tables. package.json's `overrides` give rss-parser (which asked for
  // entities 2) and dom-serializer (under htmlparser2; entities 4) the entities 7 that htmlparser2 and the
  // normaliser use (rss-parser only calls decodeHTML; dom-serializer encodeXML, escapeAttribute and
  // escapeText); this alias then hands every importer, rss-parser's require() too, its ESM build, so
  // the tables are bundled once (~97 KB less in poll-feed).
  entities: './node_modules/entities/dist/esm',
};

/** The esbuild options both the stack and the benchmark use (build from the project root: `absWorkingDir`). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: nodeTarget,
  minify: true,
  sourcemap: false,
  charset: 'utf8',
  legalComments: 'none',
  // Prefer ESM builds of dependencies (the SDK ships both).
  mainFields: ['module', 'main'],
  banner: { js: esmRequireBanner },
  alias: moduleAliases,
  absWorkingDir: projectRoot,
} as const;
