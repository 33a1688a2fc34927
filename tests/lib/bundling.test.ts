/**
 * The bundle options' aliases (lib/bundling.ts) keep Lambda's behaviour: code
 * built with them, run in a fresh node process, reads credentials from the
 * environment as the SDK's default chain does in Lambda, and decodes HTML
 * entities in feeds exactly as the source does; the plugins' replacements
 * (nodemailer's type table, the names-only rules files, the packed rules)
 * give what the source gives. Pure: esbuild and node only,
 * no AWS (the credentials are only resolved, never sent).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions, packedHtmlDecodeTreeModule, packedJsonModule, packedJsonPlugin, projectRoot, readRulesJson } from '../../lib/bundling.ts';
import { parseRules, RulesError } from '../../lambdas/tagging/rules-schema.ts';
import { bundledCatalog } from '../../lambdas/handlers/bundled-catalog.ts';
import { composeMime } from '../../lambdas/mail/compose-mime.ts';
import { mimePartSizes } from '../../lambdas/mail/mime-size.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { parseFeed } from '../../lambdas/feeds/parse/parse-feed.ts';
import { parseFeedList } from '../../lambdas/feeds/feed-list.ts';
import { parseEnv, positiveInt, tableName } from '../../lambdas/handlers/env.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'centinela-bundling-test-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Bundles `source` with the stack's options and runs it in a fresh node with exactly `env` (plus PATH); returns its JSON output. */
async function runBundled(name: string, source: string, env: Record<string, string> = {}): Promise<unknown> {
  const outfile = path.join(dir, `${name}.mjs`);
  // Resolved from the project root, as a handler's imports are.
  const stdin = { contents: source, resolveDir: projectRoot, loader: 'ts' as const };
  await build({ ...bundleOptions, mainFields: [...bundleOptions.mainFields], stdin, outfile, logLevel: 'silent' });
  const stdout = execFileSync(process.execPath, [outfile], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  return JSON.parse(stdout);
}

const resolveCredentials = `
  import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
  const client = new DynamoDBClient({ region: 'us-east-1' });
  try {
    const { accessKeyId, secretAccessKey, sessionToken } = await client.config.credentials();
    process.stdout.write(JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: error.message }));
  }`;

describe('Lambda bundles', () => {
  it('take the SDK credentials from the environment, as the Lambda runtime provides them', async () => {
    const out = await runBundled('credentials-env', resolveCredentials, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      AWS_SESSION_TOKEN: 'session-token',
    });
    expect(out).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'session-token' });
  }, 60_000);

  it('say that only environment credentials are read when there are none (no profile, SSO or instance-role lookup)', async () => {
    const out = await runBundled('credentials-none', resolveCredentials, { AWS_PROFILE: 'analyst' });
    expect(out).toEqual({ error: expect.stringMatching(/^credentials: this bundle reads AWS credentials from the environment only \(AWS_ACCESS_KEY_ID/) });
  }, 60_000);

  it('decode HTML entities in feed items as the source does (one copy of entities for rss-parser and the normaliser)', async () => {
    const feed =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Caf&amp;eacute; &amp;amp; t&amp;eacute; &amp;#8220;x&amp;#8221;</title>' +
      '<link>https://e.pe/1</link><description>&lt;p&gt;Extorsi&amp;oacute;n en &amp;Ntilde;a&amp;ntilde;a &amp;copy2026 &amp;notit; &amp;#128;&lt;/p&gt;</description></item></channel></rss>';
    const parseModule = JSON.stringify(path.join(projectRoot, 'lambdas/feeds/parse/parse-feed.ts'));
    const out = await runBundled(
      'entities',
      `import { parseFeed } from ${parseModule};
       const feed = await parseFeed(${JSON.stringify(feed)}, 'https://e.pe/feed');
       process.stdout.write(JSON.stringify(feed.items.map(({ title, contentSnippet }) => ({ title, contentSnippet }))));`,
    );
    const fromSource = (await parseFeed(feed, 'https://e.pe/feed')).items.map(({ title, contentSnippet }) => ({ title, contentSnippet }));
    expect(out).toEqual(fromSource);
    expect(out).toEqual([{ title: expect.any(String), contentSnippet: 'Extorsión en Ñaña ©2026 ¬it; €' }]);
  }, 60_000);

  it("word validation errors as the source does, in zod's English, with no classic zod in the bundle", async () => {
    const env = { ARTICLES_TABLE: 'ab', RETENTION_DAYS: '1.5' };
    const feeds = [{ id: 'Bad Id', name: ' ', url: 'ftp://x', lang: 'pt', fullText: 'yes', extra: 1 }, { id: 'ok', name: 'OK', url: 'https://e.pe/rss' }];
    const errorOf = (run: () => unknown) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const module = (file: string) => JSON.stringify(path.join(projectRoot, file));
    const out = await runBundled(
      'zod-messages',
      `import { parseEnv, positiveInt, tableName } from ${module('lambdas/handlers/env.ts')};
       import { parseFeedList } from ${module('lambdas/feeds/feed-list.ts')};
       const errorOf = ${errorOf.toString()};
       process.stdout.write(JSON.stringify([
         errorOf(() => parseEnv({ ARTICLES_TABLE: tableName, RETENTION_DAYS: positiveInt, FEEDS_TABLE: tableName }, ${JSON.stringify(env)})),
         errorOf(() => parseFeedList(${JSON.stringify(feeds)})),
       ]));`,
    );
    const fromSource = [
      errorOf(() => parseEnv({ ARTICLES_TABLE: tableName, RETENTION_DAYS: positiveInt, FEEDS_TABLE: tableName }, env)),
      errorOf(() => parseFeedList(feeds)),
    ];
    expect(out).toEqual(fromSource);
    expect((out as string[])[0]).toContain('RETENTION_DAYS Invalid input: expected int, received number (got "1.5")');
    expect((out as string[])[1]).toContain('feed #2 ("ok"): lang is missing');
  }, 60_000);

  it('compose the same digest MIME as the source with nodemailer type table cut down to the types we send', async () => {
    const mail = {
      from: 'Centinela <digests@example.org>',
      to: 'ana@example.org',
      subject: 'Centinela: 3 noticias — extorsión en Trujillo',
      text: 'Extorsión en Trujillo\n\nhttps://e.pe/1\n'.repeat(40),
      html: `<p>Extorsión en <b>Trujillo</b> — ${'ñandú '.repeat(200)}</p>`,
      headers: { 'List-Unsubscribe': '<https://u.example.org/unsubscribe?token=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
    const module = (file: string) => JSON.stringify(path.join(projectRoot, file));
    const out = (await runBundled(
      'compose-mime',
      `import { composeMime } from ${module('lambdas/mail/compose-mime.ts')};
       process.stdout.write(JSON.stringify((await composeMime(${JSON.stringify(mail)})).toString('latin1')));`,
    )) as string;
    // Boundaries, Message-ID and Date differ between any two compositions.
    const stable = (raw: string) => {
      const boundaries = [...raw.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]!);
      let text = raw.replace(/^(Message-ID|Date): .*$/gm, '$1: *');
      boundaries.forEach((b, i) => (text = text.replaceAll(b, `BOUNDARY${i}`)));
      return text;
    };
    const fromSource = (await composeMime(mail)).toString('latin1');
    expect(stable(out)).toBe(stable(fromSource));
    expect(mimePartSizes(Buffer.from(out, 'latin1')).map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
    expect(out).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
  }, 60_000);

  it("take nodemailer's answer for every type and extension the cut-down table keeps", () => {
    const require = createRequire(import.meta.url);
    const table = require(path.join(projectRoot, 'node_modules/nodemailer/lib/mime-funcs/mime-types.js'));
    const stub = require(path.join(projectRoot, 'lib/stubs/nodemailer-mime-types.cjs'));
    const extensions = ['txt', 'html', 'htm', 'css', 'csv', 'ics', 'json', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'eml', 'bin', '', 'a.HTML', 'report.pdf?x=1', 'x.nosuchext'];
    const types = ['text/plain', 'text/html', 'text/css', 'text/csv', 'text/calendar', 'application/json', 'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/svg+xml', 'image/webp', 'message/rfc822', '', 'text/x-nosuch', 'no/such'];
    expect(extensions.map((e) => stub.detectMimeType(e))).toEqual(extensions.map((e) => table.detectMimeType(e)));
    expect(types.map((t) => stub.detectExtension(t))).toEqual(types.map((t) => table.detectExtension(t)));
    expect(stub.detectMimeType('a.html')).toBe('text/html');
  });

  it('list the same theme and region names from the names-only rules files as the source', async () => {
    const out = await runBundled(
      'catalog',
      `import { bundledCatalog } from ${JSON.stringify(path.join(projectRoot, 'lambdas/handlers/bundled-catalog.ts'))};
       process.stdout.write(JSON.stringify(bundledCatalog()));`,
    );
    expect(out).toEqual(bundledCatalog());
    expect((out as { themes: unknown[] }).themes.length).toBeGreaterThan(5);
  }, 60_000);

  it('tag articles as the source does with the rules packed into one compressed string', async () => {
    const articles = [
      { title: 'Extorsionadores atacan bus en Trujillo', summary: 'Cobro de cupos a transportistas de La Libertad', text: 'La Policía Nacional detuvo a dos presuntos extorsionadores en Trujillo tras el ataque.' },
      { title: 'Sicarios asesinan a comerciante en San Juan de Lurigancho', summary: '', text: 'El crimen ocurrió en Lima. La fiscalía investiga el caso de sicariato.' },
      { title: 'Receta de ceviche', summary: 'Cocina peruana', text: 'Un plato tradicional.' },
    ];
    const out = await runBundled(
      'tagger',
      `import { loadTagger } from ${JSON.stringify(path.join(projectRoot, 'lambdas/tagging/tagger.ts'))};
       const tagger = loadTagger();
       process.stdout.write(JSON.stringify(${JSON.stringify(articles)}.map((a) => tagger.tag(a))));`,
    );
    const fromSource = JSON.parse(JSON.stringify(articles.map((a) => loadTagger().tag(a))));
    expect(out).toEqual(fromSource);
    expect(fromSource[0].themes.length).toBeGreaterThan(0);
  }, 60_000);

  it('unpack a packed JSON module to the very object of the file', async () => {
    const file = path.join(projectRoot, 'lambdas/tagging/themes.json');
    const json = await readFile(file, 'utf8');
    const source = packedJsonModule(json);
    expect(source.length).toBeLessThan(json.length / 3);
    const packed = path.join(dir, 'packed-themes.mjs');
    await writeFile(packed, source);
    const unpacked = execFileSync(process.execPath, ['--input-type=module', '-e', `import rules from ${JSON.stringify(packed)}; process.stdout.write(JSON.stringify(rules));`], { encoding: 'utf8' });
    expect(JSON.parse(unpacked)).toEqual(JSON.parse(json));
  });
  it("decode with the same HTML entity trie as entities' own module, carried packed", async () => {
    const module = path.join(projectRoot, 'node_modules/entities/dist/esm/generated/decode-data-html.js');
    const out = await runBundled(
      'html-decode-tree',
      `import { htmlDecodeTree } from ${JSON.stringify(module)};
       process.stdout.write(JSON.stringify({ length: htmlDecodeTree.length, words: Array.from(htmlDecodeTree) }));`,
    );
    const { htmlDecodeTree } = (await import(module)) as { htmlDecodeTree: Uint16Array };
    expect(out).toEqual({ length: 12_075, words: Array.from(htmlDecodeTree) });
    const source = await readFile(module, 'utf8');
    expect(packedHtmlDecodeTreeModule(source).length).toBeLessThan(source.length * 0.7);
    expect(() => packedHtmlDecodeTreeModule('export const htmlDecodeTree = new Uint16Array([1, 2]);')).toThrow(/no longer holds one base64 htmlDecodeTree/);
  }, 60_000);

  it("answer every has, peek, get, set and clear as mnemonist's LRU cache does, from the SDK's endpoint cache's stand-in", async () => {
    type Cache = { size: number } & Record<'has' | 'peek' | 'get' | 'set' | 'clear', (...args: unknown[]) => unknown>;
    const stub = path.join(projectRoot, 'lib/stubs/lru-cache.mjs');
    const { default: LRUCache } = (await import(stub)) as { default: new (capacity: number) => Cache };
    const require = createRequire(import.meta.url);
    const Mnemonist = require(path.join(projectRoot, 'node_modules/mnemonist/lru-cache.js'));
    // Reads and writes make a key the most recent; peek and has do not; a write past capacity evicts the least recent.
    const script = (cache: Cache) => {
      for (const k of ['a', 'b', 'c']) cache.set(k, k);
      cache.get('a');
      cache.peek('b');
      cache.set('d', 'd'); // evicts b
      cache.set('c', 'C');
      cache.set('e', 'e'); // evicts a
      return ['a', 'b', 'c', 'd', 'e'].map((k) => [k, cache.has(k), cache.peek(k)]);
    };
    expect(script(new LRUCache(3))).toEqual(script(new Mnemonist(3)));
    expect(script(new LRUCache(3))).toEqual([['a', false, undefined], ['b', false, undefined], ['c', true, 'C'], ['d', true, 'd'], ['e', true, 'e']]);
    const key = fc.constantFrom('a', 'b', 'c', 'd');
    const op = fc.oneof(
      { arbitrary: fc.tuple(fc.constant('set' as const), key, fc.integer()), weight: 4 },
      { arbitrary: fc.tuple(fc.constantFrom('has' as const, 'peek' as const, 'get' as const), key), weight: 4 },
      { arbitrary: fc.tuple(fc.constant('clear' as const)), weight: 1 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(op, { minLength: 10, maxLength: 40 }), (capacity, ops) => {
        const ours = new LRUCache(capacity);
        const theirs = new Mnemonist(capacity);
        for (const [name, k, value] of ops) {
          const call = (cache: Cache) => (name === 'set' ? cache.set(k, value) : name === 'clear' ? cache.clear() : cache[name](k));
          expect(call(ours)).toEqual(call(theirs));
          expect(ours.size).toBe(theirs.size);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(() => new LRUCache(0)).toThrow(/capacity should be positive number/);
  });

  it("run the SDK's endpoint cache, SHA-256 and user agent as the packages do, without mnemonist, Sha256Js or whole package.json files", async () => {
    const out = (await runBundled(
      'dynamodb-client',
      `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
       import { Sha256 } from '@smithy/core/checksum';
       import { Sha256Js } from '@smithy/core/checksum';
       const client = new DynamoDBClient({ region: 'us-east-1', endpointDiscoveryEnabled: true });
       client.config.endpointCache.set('table', [{ Address: 'a.example', CachePeriodInMinutes: 1 }]);
       const hash = new Sha256();
       hash.update('abc');
       const digest = Buffer.from(await hash.digest()).toString('hex');
       let fallback;
       try { new Sha256Js(); fallback = 'constructed'; } catch (error) { fallback = error.message; }
       const userAgent = await client.config.defaultUserAgentProvider();
       process.stdout.write(JSON.stringify({ endpoint: client.config.endpointCache.getEndpoint('table'), digest, fallback, userAgent }));`,
    )) as { endpoint: string; digest: string; fallback: string; userAgent: string[][] };
    const { version } = JSON.parse(await readFile(path.join(projectRoot, 'node_modules/@aws-sdk/client-dynamodb/package.json'), 'utf8')) as { version: string };
    expect(out.endpoint).toBe('a.example');
    expect(out.digest).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(out.fallback).toMatch(/^Sha256Js is not bundled \(lib\/stubs\/sha256-js\.mjs\)/);
    expect(out.userAgent).toContainEqual(['api/DynamoDB', version]);
  }, 60_000);

  it("say that xml2js's Builder is not bundled if anything ever constructs it", async () => {
    const out = await runBundled(
      'xml2js-builder',
      `import xml2js from 'xml2js';
       try { new xml2js.Builder(); process.stdout.write(JSON.stringify('constructed')); } catch (error) { process.stdout.write(JSON.stringify(error.message)); }`,
    );
    expect(out).toMatch(/^xml2js's Builder is not bundled \(lib\/stubs\/xml2js-builder\.cjs\)/);
  }, 60_000);

  it('pack the rules files as parseRules returns them, and fail the build on invalid rules, naming the theme and term', async () => {
    const themes = path.join(dir, 'themes.json');
    const entry = path.join(dir, 'rules-entry.ts');
    await writeFile(entry, `import rules from ${JSON.stringify(themes)} with { type: 'json' }; process.stdout.write(JSON.stringify(rules));`);
    const bundle = () =>
      build({ ...bundleOptions, mainFields: [...bundleOptions.mainFields], plugins: [packedJsonPlugin({ [themes]: parseRules })], entryPoints: [entry], outfile: path.join(dir, 'rules-entry.mjs'), logLevel: 'silent' });
    const raw = JSON.parse(await readFile(path.join(projectRoot, 'lambdas/tagging/themes.json'), 'utf8'));
    const theme = raw.themes[0];
    // The schema trims phrases: what is packed is the validated rules, not the text of the file.
    theme.terms[0] = { ...theme.terms[0], term: ` ${theme.terms[0].term} ` };
    await writeFile(themes, JSON.stringify(raw));
    await bundle();
    const packed = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'rules-entry.mjs')], { encoding: 'utf8' }));
    expect(packed).toEqual(JSON.parse(JSON.stringify(parseRules(raw))));
    expect(packed.themes[0].terms[0].term).toBe(theme.terms[0].term.trim());
    theme.terms[0] = { ...theme.terms[0], weight: 0 };
    await writeFile(themes, JSON.stringify(raw));
    expect(() => parseRules(raw)).toThrow(RulesError);
    await expect(bundle()).rejects.toThrow(`[plugin: packed-json] rules: themes, theme "${theme.id}", term "${theme.terms[0].term}", field "weight": must be above 0`);
    // A syntax error a person left in the file fails the build with where it is and the fix, as the CLI says it.
    await writeFile(themes, '{\n  "version": "x",\n  "themes": [,]\n}\n');
    const failure = (await bundle().catch((error: unknown) => error)) as { message: string; errors: { pluginName: string; text: string; notes: unknown[] }[] };
    expect(failure.message).toContain(`[plugin: packed-json] ${themes}: not valid JSON: line 3, column 14: Unexpected token ','; fix the file (npx centinela rules lint checks it)`);
    // The message alone, as a build error of the plugin: no note carrying the stack of a thrown error.
    expect(failure.errors.map(({ pluginName, text, notes }) => ({ pluginName, text, notes }))).toEqual([
      { pluginName: 'packed-json', text: `${themes}: not valid JSON: line 3, column 14: Unexpected token ','; fix the file (npx centinela rules lint checks it)`, notes: [] },
    ]);
  }, 60_000);

  it('read a rules file as JSON, naming a broken one from the project root when it is inside the project (else by its full path)', async () => {
    const shipped = path.join(projectRoot, 'lambdas/tagging/themes.json');
    expect(await readRulesJson(shipped)).toEqual(JSON.parse(await readFile(shipped, 'utf8')));
    const outside = path.join(dir, 'gazetteer.json');
    await writeFile(outside, '{"regions": [{"id": "lima"}');
    await expect(readRulesJson(outside)).rejects.toThrow(`${outside}: not valid JSON: line 1, column 28: Expected ',' or ']' after array element; fix the file (npx centinela rules lint checks it)`);
    await mkdir(path.join(projectRoot, 'test-artifacts'), { recursive: true });
    const insideDir = await mkdtemp(path.join(projectRoot, 'test-artifacts', 'rules-json-'));
    try {
      const inside = path.join(insideDir, 'themes.json');
      await writeFile(inside, '{"themes": []]');
      await expect(readRulesJson(inside)).rejects.toThrow(
        new RegExp(`^test-artifacts/${path.basename(insideDir)}/themes\\.json: not valid JSON: line 1, column 14: Expected ',' or '}' after property value; fix the file \\(npx centinela rules lint checks it\\)$`),
      );
    } finally {
      await rm(insideDir, { recursive: true, force: true });
    }
  });
});
