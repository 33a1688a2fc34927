/**
 * `serve` shares its database: the state file in the data folder, what other
 * commands do with it, stale files, a second serve, and a clean stop.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../bin/cli/store-options.ts';
import { startLocalService, type LocalService } from '../../bin/local/local-service.ts';
import { findRunningServe, isAlive, readServeStateFile, serveStatePath } from '../../bin/local/serve-state.ts';
import { systemClock } from '../../lambdas/model/clock.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import { makeArticle } from '../store/make-article.ts';

const start = (dataDir: string) =>
  startLocalService({ dataDir, port: 0, feeds: async () => [], tagger: loadTagger(), clock: systemClock, log: () => undefined });

describe('centinela serve and the shared database', () => {
  let dataDir: string;
  let service: LocalService;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-serve-'));
    service = await start(dataDir);
  }, 120_000);
  afterAll(() => service?.stop());

  it('writes serve.json with its database endpoint, pid and web address', async () => {
    const state = readServeStateFile(dataDir)!;
    expect(state).toMatchObject({ endpoint: service.endpoint, pid: process.pid, webUrl: service.webUrl });
    expect(await findRunningServe(dataDir)).toEqual(state);
    const page = await fetch(`${service.webUrl}/feeds`);
    expect(page.status).toBe(200);
  });

  it('other commands on the folder use its database: what one writes, the server has, and closing leaves it running', async () => {
    const store = await openStore({ dataDir });
    expect('db' in store).toBe(false); // no DynamoDB Local of its own
    await store.articles.putArticle(makeArticle({ title: 'Escrita por otro comando', publishedAt: new Date().toISOString(), themes: { extortion: 5 } }));
    await store.close();
    const page = await (await fetch(`${service.webUrl}/?theme=extortion&period=1d`)).text();
    expect(page).toContain('Escrita por otro comando');
  });

  it('refuses a second serve on the same folder, naming the running one', async () => {
    await expect(start(dataDir)).rejects.toThrow(`centinela serve is already running on ${dataDir} (pid ${process.pid}, ${service.webUrl})`);
  });

  it('ignores a stale state file: a dead pid, or a live pid whose endpoint does not answer', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'centinela-stale-'));
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    expect(isAlive(dead.pid!)).toBe(false);
    await writeFile(serveStatePath(other), JSON.stringify({ endpoint: service.endpoint, pid: dead.pid, startedAt: new Date().toISOString() }));
    expect(await findRunningServe(other)).toBeUndefined();
    await writeFile(serveStatePath(other), JSON.stringify({ endpoint: 'http://127.0.0.1:9', pid: process.pid, startedAt: new Date().toISOString() }));
    expect(await findRunningServe(other, 500)).toBeUndefined();
    await writeFile(serveStatePath(other), '{"endpoint": "http://evil.example:80", "pid": 1}');
    expect(readServeStateFile(other)).toBeUndefined();
  });

  it('stop() removes the state file and stops its DynamoDB Local', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'centinela-stop-'));
    const second = await start(folder);
    const javaPid = second.store.db.pid;
    expect(isAlive(javaPid)).toBe(true);
    await second.stop();
    expect(existsSync(serveStatePath(folder))).toBe(false);
    expect(isAlive(javaPid)).toBe(false);
  }, 120_000); // a second DynamoDB Local takes 2 s idle, up to a minute on a loaded machine
});
