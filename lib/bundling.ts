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
import { notValidJsonMessage, RULES_FILE_FIX } from '../lambdas/model/json-syntax.ts';
import { parseGazetteer, parseRules } from '../lambdas/tagging/rules-schema.ts';

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
  // The SDK's default credential chain; in Lambda only its environment link ever answers (see the stub): ~130 KB.
  '@aws-sdk/credential-provider-node': './lib/stubs/credential-provider-env-only.mjs',
  // One copy of the HTML entity tables. package.json's `overrides` give rss-parser (which asked for
  // entities 2) and dom-serializer (under htmlparser2; entities 4) the entities 7 that htmlparser2 and the
  // normaliser use (rss-parser only calls decodeHTML; dom-serializer encodeXML, escapeAttribute and
  // escapeText); this alias then hands every importer, rss-parser's require() too, its ESM build, so
  // the tables are bundled once (~97 KB less in poll-feed).
  entities: './node_modules/entities/dist/esm',
  // The AWS SDK's endpoint-discovery cache (DynamoDB clients build one) over mnemonist's LRU cache and
  // obliterator: the same cache over a Map (see the stub; checked against mnemonist in tests/lib/bundling.test.ts): ~6.6 KB.
  'mnemonist/lru-cache': './lib/stubs/lru-cache.mjs',
};

/** `importer` is a file of `dir` (a path relative to the project root, `/` separated). */
const importedFrom = (importer: string, dir: string) => importer.split(path.sep).join('/').includes(`/${dir}/`);

/**
 * The data files the `packed-json` plugin below ships Brotli-packed
 * (project-relative): the large JSON the tagger reads whole, each with the
 * parser that validates it at build time (it throws RulesError naming the
 * theme or region, term and problem, which fails the build). The bundle
 * carries the parser's output, and `define` tells the tagger so
 * (`CENTINELA_BUNDLED_RULES_VALIDATED` in lambdas/tagging/tagger.ts).
 */
export const PACKED_JSON: Record<string, (json: unknown) => unknown> = {
  'lambdas/tagging/themes.json': parseRules,
  'lambdas/tagging/gazetteer.json': parseGazetteer,
};

/** An ES module whose default export is `JSON.parse(json)`, the text carried Brotli-compressed (quality 11) in base64. */
export function packedJsonModule(json: string): string {
  const text = JSON.stringify(JSON.parse(json));
  const packed = brotliCompressSync(Buffer.from(text), {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  }).toString('base64');
  return `import { brotliDecompressSync } from 'node:zlib';\nexport default JSON.parse(brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));\n`;
}

/**
 * The module `entities/dist/esm/generated/decode-data-html.js` with its data
 * (`htmlDecodeTree`, the HTML named-character-reference trie: 12,075 16-bit
 * words, written by entities as a base64 string of their little-endian bytes)
 * carried Brotli-compressed (quality 11) in base64 instead, read back into the
 * same little-endian words when the module is imported. `source` is the
 * package's own module text; throws when it no longer has the shape this reads.
 */
export function packedHtmlDecodeTreeModule(source: string): string {
  const m = /export const htmlDecodeTree = \/\* #__PURE__ \*\/ decodeBase64\("([A-Za-z0-9+/=]+)"\);/.exec(source);
  if (!m) throw new Error('bundling: entities\' decode-data-html.js no longer holds one base64 htmlDecodeTree; update packedHtmlDecodeTreeModule (lib/bundling.ts) or drop the html-decode-tree plugin');
  const bytes = Buffer.from(m[1]!, 'base64');
  const packed = brotliCompressSync(bytes, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).toString('base64');
  return `import { brotliDecompressSync } from 'node:zlib';
const bytes = brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64'));
export const htmlDecodeTree = new Uint16Array(bytes.length >> 1);
for (let i = 0; i < htmlDecodeTree.length; i++) htmlDecodeTree[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
`;
}

/**
 * The JSON in `file` (an absolute path to a rules file), parsed; a syntax
 * error fails the build with the message the CLI gives for it (notValidJsonMessage, as bin/cli/json-file-error.ts):
 * `lambdas/tagging/themes.json: not valid JSON: line L, column C: <what>; fix the file (npx centinela rules lint checks it)`,
 * the path relative to the project root when the file is inside it.
 */
export async function readRulesJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const relative = path.relative(projectRoot, file);
    const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
    throw new Error(notValidJsonMessage(shown, text, error, RULES_FILE_FIX), { cause: error });
  }
}

/**
 * A rules file's problem as an esbuild error of the plugin that read it: the
 * build fails with the message alone (a thrown error is printed with its stack).
 */
function asBuildError(error: unknown): { errors: { text: string }[] } {
  return { errors: [{ text: error instanceof Error ? error.message : String(error) }] };
}

/**
 * The `packed-json` plugin over `parsers` (absolute path → validating parser):
 * each of those files is loaded as `packedJsonModule` of what its parser
 * returns; a parser's error fails the build with its message.
 */
export function packedJsonPlugin(parsers: Record<string, (json: unknown) => unknown>): Plugin {
  return {
    name: 'packed-json',
    setup(build) {
      build.onLoad({ filter: /\.json$/ }, async (args) => {
        const parse = parsers[args.path];
        if (!parse) return undefined;
        let validated: unknown;
        try {
          validated = parse(await readRulesJson(args.path));
        } catch (error) {
          return asBuildError(error);
        }
        return { contents: packedJsonModule(JSON.stringify(validated)), loader: 'js', resolveDir: path.dirname(args.path), watchFiles: [args.path] };
      });
    },
  };
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
 *   object literal (`bundle.poll-feed.cold_import_ms`). What is packed is
 *   the files as `parseRules`/`parseGazetteer` return them: validated when the
 *   bundle is built (invalid rules fail the build), so a bundle's tagger only
 *   compiles them and carries no rules schema (~7 KB of poll-feed).
 * - `smithy-event-streams`: the SDK's event-stream codec (15 KB in every
 *   function), which it loads with a dynamic import only for event-stream
 *   operations (none among the calls Centinela makes) →
 *   `lib/stubs/smithy-event-streams.mjs`, which says so if ever reached.
 * - `entities-decode`: rss-parser's `require('entities')` (it calls
 *   `decodeHTML` only) → `lib/stubs/entities-decode.mjs`, so the encoder tables
 *   that a `require` of the whole package keeps (~14 KB) stay out.
 * - `html-decode-tree`: entities' HTML entity trie (32 KB as base64 text, in
 *   every function that reads HTML) shipped Brotli-packed
 *   (`packedHtmlDecodeTreeModule`): ~21 KB, the same 16-bit words.
 * - `xml2js-builder`: xml2js's `./builder`, its XML writer, with the npm
 *   package xmlbuilder that it loads (67 KB; rss-parser, xml2js's only user
 *   here, only parses) → `lib/stubs/xml2js-builder.cjs`, which says so if ever
 *   constructed.
 * - `sha256-js`: the SDK's pure-JavaScript SHA-256, the fallback of
 *   `Sha256Node` for a node:crypto without SHA-256 (no Lambda runtime) →
 *   `lib/stubs/sha256-js.mjs`, which says so if ever constructed.
 * - `sdk-package-json`: an AWS SDK package's `package.json`, which its client
 *   imports whole for the version in its user agent → `{ "version" }` only
 *   (~2.3 KB a client).
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
        let data: {
          themes?: { id: string; label: unknown; description: unknown }[];
          regions?: { id: string; name: string }[];
        };
        try {
          data = (await readRulesJson(args.path)) as typeof data;
        } catch (error) {
          return asBuildError(error);
        }
        const names = path.basename(args.path) === 'themes.json'
          ? { themes: (data.themes ?? []).map(({ id, label, description }) => ({ id, label, description })) }
          : { regions: (data.regions ?? []).map(({ id, name }) => ({ id, name })) };
        return { contents: JSON.stringify(names), loader: 'json', watchFiles: [args.path] };
      });
    },
  },
  packedJsonPlugin(Object.fromEntries(Object.entries(PACKED_JSON).map(([file, parse]) => [path.join(projectRoot, file), parse]))),
  {
    name: 'smithy-event-streams',
    setup(build) {
      build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) =>
        args.kind === 'dynamic-import' ? { path: path.join(projectRoot, 'lib/stubs/smithy-event-streams.mjs') } : undefined,
      );
    },
  },
  {
    name: 'html-decode-tree',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]entities[\\/]dist[\\/]esm[\\/]generated[\\/]decode-data-html\.js$/ }, async (args) => ({
        contents: packedHtmlDecodeTreeModule(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  },
  {
    name: 'xml2js-builder',
    setup(build) {
      build.onResolve({ filter: /^\.\/builder(\.js)?$/ }, (args) =>
        importedFrom(args.importer, 'xml2js/lib') ? { path: path.join(projectRoot, 'lib/stubs/xml2js-builder.cjs') } : undefined,
      );
    },
  },
  {
    name: 'sha256-js',
    setup(build) {
      build.onResolve({ filter: /^\.\/(sha256\/)?Sha256Js(\.js)?$/ }, (args) =>
        importedFrom(args.importer, '@smithy/core/dist-es/submodules/checksum') ? { path: path.join(projectRoot, 'lib/stubs/sha256-js.mjs') } : undefined,
      );
    },
  },
  {
    name: 'sdk-package-json',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, async (args) => {
        const { version } = JSON.parse(await readFile(args.path, 'utf8')) as { version?: unknown };
        if (typeof version !== 'string') throw new Error(`bundling: ${args.path} has no version`);
        return { contents: JSON.stringify({ version }), loader: 'json' };
      });
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
  // The `packed-json` plugin validated the rules files (lambdas/tagging/tagger.ts).
  define: { CENTINELA_BUNDLED_RULES_VALIDATED: 'true' },
  alias: moduleAliases,
  plugins: bundlePlugins,
  absWorkingDir: projectRoot,
} as const;

/** Bundles one function's handler to `outfile` (an .mjs path) with the options above; rejects with esbuild's errors. */
export async function buildFunction(name: FunctionName, outfile: string): Promise<void> {
  await build({ ...bundleOptions, mainFields: [...bundleOptions.mainFields], entryPoints: [handlerEntry(name)], outfile, logLevel: 'warning' });
}
