/**
 * Records every module a Node process loads, for tests of what a command
 * imports: run `node --import ./tests/support/record-modules.mjs bin/centinela.js …`
 * with CENTINELA_MODULES_FILE set, and at exit the file holds one module a
 * line — ES modules as file: URLs (every `load` that reaches Node's own loader,
 * so .ts files compiled by tsx too) and CommonJS modules as paths (require.cache).
 * Plain JavaScript: it is loaded before tsx is registered.
 * The same file is the loader hook (module.register runs it again in the
 * loader thread, where it only forwards URLs to the main thread).
 */
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread, MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

let port;

/** Loader thread: receives the port to the main thread. */
export function initialize(data) {
  port = data.port;
}

/** Loader thread: tells the main thread about each module, then loads it as usual. */
export async function load(url, context, nextLoad) {
  port?.postMessage(url);
  return nextLoad(url, context);
}

if (isMainThread && process.env.CENTINELA_MODULES_FILE) {
  const file = process.env.CENTINELA_MODULES_FILE;
  const loaded = [];
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => loaded.push(url));
  port1.unref();
  register(import.meta.url, { data: { port: port2 }, transferList: [port2] });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    // Modules whose message is still queued (the process exits without another turn of the event loop).
    for (let queued = receiveMessageOnPort(port1); queued; queued = receiveMessageOnPort(port1)) loaded.push(queued.message);
    writeFileSync(file, [...loaded, ...Object.keys(require.cache)].join('\n') + '\n');
  });
}
