/**
 * Builds one function's bundle with the shared options and plugins
 * (lib/bundling.ts): `node --import tsx lib/build-function.ts <function> <outdir>`
 * writes `<outdir>/index.mjs`. The stack's asset bundling runs it (esbuild's
 * plugins need its JavaScript API, which CDK's NodejsFunction does not offer);
 * exits non-zero with esbuild's messages when the build fails.
 */
import path from 'node:path';
import { buildFunction, type FunctionName } from './bundling.ts';

const [name, outdir] = process.argv.slice(2);
if (!name || !outdir) {
  console.error('usage: node --import tsx lib/build-function.ts <function> <outdir>');
  process.exit(2);
}
await buildFunction(name as FunctionName, path.join(outdir, 'index.mjs'));
