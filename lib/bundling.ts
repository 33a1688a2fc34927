/**
 * How every handler is bundled, shared by the stack (its assets run
 * lib/build-function.ts), the bundle benchmark and the bundle tests (esbuild
 * directly), so the figures measure what deploys.
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
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const handlersDir = path.join(projectRoot, 'lambdas', 'handlers');

/** Handler file (without .ts) of each function the stack deploys. */
export type FunctionName = 'dispatch' | 'poll-feed' | 'send-digests' | 'unsubscribe' | 'ses-events' | 'web' | 'check-alerts';

export const FUNCTION_NAMES: readonly FunctionName[] = ['dispatch', 'poll-feed', 'send-digests', 'unsubscribe', 'ses-events', 'web', 'check-alerts'];

export function handlerEntry(name: FunctionName): string {
  if (!FUNCTION_NAMES.includes(name)) throw new Error(`bundling: no function "${name}"; the functions are ${FUNCTION_NAMES.join(', ')}`);
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

/** `importer` is a file of `dir` (a path relative to the project root, `/` separated). */
const importedFrom = (importer: string, dir: string) => importer.split(path.sep).join('/').includes(`/${dir}/`);

/** The data files the `packed-json` plugin below ships Brotli-packed (project-relative): the large JSON the tagger reads whole. */
export const PACKED_JSON = ['lambdas/tagging/themes.json', 'lambdas/tagging/gazetteer.json'];

/** An ES module whose default export is `JSON.parse(json)`, the text carried Brotli-compressed (quality 11) in base64. */
export function packedJsonModule(json: string): string {
  const text = JSON.stringify(JSON.parse(json));
  const packed = brotliCompressSync(Buffer.from(text), {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  }).toString('base64');
  return `import { brotliDecompressSync } from 'node:zlib';\nexport default JSON.parse(brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));\n`;
}

/**
 * Replacements an alias cannot make, because the import is a relative path
 * inside a package or only some importers must get the smaller module:
 * - `nodemailer-mime-types`: nodemailer's `./mime-types` (74 KB, ~1,000
 *   extensions) → `lib/stubs/nodemailer-mime-types.cjs`, the same two
 *   functions over the types a Centinela mail can carry (our composer names
 *   its parts' types itself, so the table is never read).
 * - `catalog-names`: the rules files read by `lambdas/handlers/bundled-catalog.ts`
 *   (web, send-digests, check-alerts) → only the fields it reads (themes' id,
 *   label, description; regions' id, name), taken from the files at build
 *   time: 104 KB → 3 KB, and never stale. Every other importer (the tagger)
 *   gets the whole files.
 * - `packed-json`: the tagging rules (`PACKED_JSON`, 102 KB as object
 *   literals) shipped Brotli-compressed and base64-encoded in one string,
 *   decompressed and `JSON.parse`d when the module is imported: ~26 KB, the
 *   same object, and a string is much cheaper for V8 to compile than a large
 *   object literal (`bundle.poll-feed.cold_import_ms`).
 * - `smithy-event-streams`: the SDK's event-stream codec (15 KB in every
 *   function), which it loads with a dynamic import only for event-stream
 *   operations (none among the calls Centinela makes) →
 *   `lib/stubs/smithy-event-streams.mjs`, which says so if ever reached.
 * - `entities-decode`: rss-parser's `require('entities')` (it calls
 *   `decodeHTML` only) → `lib/stubs/entities-decode.mjs`, so the encoder tables
 *   that a `require` of the whole package keeps (~14 KB) stay out.
 */
export const bundlePlugins: Plugin[] = [
  {
    name: 'nodemailer-mime-types',
    setup(build) {
      build.onResolve({ filter: /^\.\/mime-types(\.js)?$/ }, (args) =>
        importedFrom(args.importer, 'nodemailer/lib/mime-funcs') ? { path: path.join(projectRoot, 'lib/stubs/nodemailer-mime-types.cjs') } : undefined,
      );
    },
  },
  {
    name: 'catalog-names',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/tagging\/(themes|gazetteer)\.json$/ }, (args) =>
        args.importer.endsWith(path.join('lambdas', 'handlers', 'bundled-catalog.ts'))
          ? { path: path.resolve(path.dirname(args.importer), args.path), namespace: 'catalog-names' }
          : undefined,
      );
      build.onLoad({ filter: /\.json$/, namespace: 'catalog-names' }, async (args) => {
        const data = JSON.parse(await readFile(args.path, 'utf8')) as {
          themes?: { id: string; label: unknown; description: unknown }[];
          regions?: { id: string; name: string }[];
        };
        const names = path.basename(args.path) === 'themes.json'
          ? { themes: (data.themes ?? []).map(({ id, label, description }) => ({ id, label, description })) }
          : { regions: (data.regions ?? []).map(({ id, name }) => ({ id, name })) };
        return { contents: JSON.stringify(names), loader: 'json', watchFiles: [args.path] };
      });
    },
  },
  {
    name: 'packed-json',
    setup(build) {
      const files = new Set(PACKED_JSON.map((file) => path.join(projectRoot, file)));
      build.onLoad({ filter: /\.json$/ }, async (args) =>
        files.has(args.path) ? { contents: packedJsonModule(await readFile(args.path, 'utf8')), loader: 'js', resolveDir: path.dirname(args.path) } : undefined,
      );
    },
  },
  {
    name: 'smithy-event-streams',
    setup(build) {
      build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) =>
        args.kind === 'dynamic-import' ? { path: path.join(projectRoot, 'lib/stubs/smithy-event-streams.mjs') } : undefined,
      );
    },
  },
  {
    name: 'entities-decode',
    setup(build) {
      build.onResolve({ filter: /^entities$/ }, (args) =>
        importedFrom(args.importer, 'rss-parser/lib') ? { path: path.join(projectRoot, 'lib/stubs/entities-decode.mjs') } : undefined,
      );
    },
  },
];

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
  plugins: bundlePlugins,
  absWorkingDir: projectRoot,
} as const;

/** Bundles one function's handler to `outfile` (an .mjs path) with the options above; rejects with esbuild's errors. */
export async function buildFunction(name: FunctionName, outfile: string): Promise<void> {
  await build({ ...bundleOptions, mainFields: [...bundleOptions.mainFields], entryPoints: [handlerEntry(name)], outfile, logLevel: 'warning' });
}
