/**
 * Runs a bench suite in a child process of its own, so that its figures do not
 * depend on which suites ran before it in the same process: a suite that
 * leaves a large heap (the parse corpus, 25,000 polled articles) makes the
 * next suite's garbage collection slower, and the JIT state carries over.
 * Measured: `tagging.articles_per_s` was 12,527 in a full run against 14,142
 * with the suite alone on the same idle machine (docs/load.md).
 */
import { spawn } from 'node:child_process';
import type { BenchSuite, Figures } from './suite.ts';

export class ChildSuiteError extends Error {
  override name = 'ChildSuiteError';
}

/**
 * A suite whose run() starts `node <this process's flags> <script> --json
 * --in-process <name>` and returns the figures the child prints (one JSON
 * object of figures plus `errors`, bench/run.ts's --json output). The child's
 * stderr (progress lines) passes through. Throws ChildSuiteError with the
 * child's message when the suite failed there, or naming the exit status
 * when the child printed no JSON (it crashed or was killed).
 */
export function isolatedSuite(name: string, script: string): BenchSuite {
  return { name, run: () => runInChild(name, script) };
}

async function runInChild(name: string, script: string): Promise<Figures> {
  const child = spawn(process.execPath, [...process.execArgv, script, '--json', '--in-process', name], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (stdout += chunk));
  const status = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
  });
  let printed: (Figures & { errors?: Record<string, string> }) | undefined;
  try {
    printed = JSON.parse(stdout) as Figures & { errors?: Record<string, string> };
  } catch {
    throw new ChildSuiteError(`the ${name} suite's process exited with ${status} and printed no figures`);
  }
  const { errors, ...figures } = printed;
  const failure = errors?.[name];
  if (failure !== undefined) throw new ChildSuiteError(failure);
  return figures;
}
