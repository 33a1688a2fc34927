#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step): tsx compiles on the fly.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

// Lambdas run Node 24; locally Node 20 is supported, so the SDK's Node 22 notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
// After tsx's, so it runs first: a rules file (or any imported JSON) with a syntax error ends the command
// with `<file>: not valid JSON: line L, column C: …` (exit 2) instead of esbuild's "Transform failed".
registerHooks('./json-syntax-hook.mjs', import.meta.url);
await import('./cli/main.ts');
