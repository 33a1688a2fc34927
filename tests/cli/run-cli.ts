/** Runs the real `centinela` command as a user does (node bin/centinela.js …) and collects what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const CLI = path.resolve(import.meta.dirname, '../../bin/centinela.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function centinela(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  // The caller's settings only: a variable given as undefined is removed, not passed on as "undefined".
  const merged: NodeJS.ProcessEnv = { ...process.env, CENTINELA_UNSUBSCRIBE_KEY: 'cli-test-key-0123456789abcdef', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { timeout: 90_000, env: merged });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
