/**
 * A module-loading hook (node:module `register`, set up by bin/centinela.js
 * after tsx's) for the JSON data files the CLI imports with
 * `import … with { type: 'json' }`: the theme rules (lambdas/tagging/themes.json,
 * gazetteer.json), the bundled feed list. tsx compiles such a file with
 * esbuild, so a file a person broke by hand used to end any command that
 * loads it with esbuild's "Transform failed with 1 error", which says neither
 * what is wrong nor what to do.
 *
 * When the next loader fails on a `file:` URL ending in `.json` whose text
 * `JSON.parse` refuses, this loads in its place a module that throws, when
 * evaluated in the main thread, the UsageError of bin/cli/json-file-error.ts
 * (`<file>: not valid JSON: line L, column C: <what>; fix the file …`):
 * main.ts prints it on one line and exits 2. Every other load, and every
 * other failure, passes through untouched; a file that loads costs nothing
 * more than a try/catch. The stand-in exports a `default` so that the
 * modules importing the file link, and the error is the one they see. Plain JavaScript: it runs in the loader thread,
 * which does not compile TypeScript for hooks.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const errorModule = new URL('./cli/json-file-error.ts', import.meta.url).href;

/** Node's `load` hook: see the file's comment. */
export async function load(url, context, nextLoad) {
  try {
    return await nextLoad(url, context);
  } catch (error) {
    if (!url.startsWith('file:') || !new URL(url).pathname.endsWith('.json')) throw error;
    const file = fileURLToPath(url);
    let text;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw error;
    }
    try {
      JSON.parse(text);
    } catch {
      return {
        format: 'module',
        shortCircuit: true,
        source: `import { jsonFileError } from ${JSON.stringify(errorModule)};\nthrow jsonFileError(${JSON.stringify(file)});\nexport default undefined;\n`,
      };
    }
    throw error;
  }
}
