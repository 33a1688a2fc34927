/**
 * What some tests need beyond `npm ci`: a Chromium for the browser tests, the
 * feeds corpus and the tagging development set (real inputs that are not part
 * of a clone). A test that needs one calls `describeWith`: when the input is
 * there it runs; when it is missing, the run shows one skipped test whose name
 * says what is missing and the one command that makes it run, and the
 * not-run reporter (tests/support/not-run-reporter.ts) repeats it at the end.
 * Never silent: `.ci/run` fails when any test did not run.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

/** An input some tests need, found on this machine or not. */
export interface OptionalInput {
  /** What it is, for the "not run" message, e.g. "Chromium". */
  what: string;
  /** The absolute path found, or undefined when it is missing. */
  find(): string | undefined;
  /** Why it is missing and the one command that makes the tests run. */
  missing(): string;
}

/** Words every "not run" test name starts with; `.ci/run` and the reporter look for them. */
export const NOT_RUN = 'NOT RUN';

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Program names looked up on PATH, in this order (Debian, Ubuntu, Google's package). */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/**
 * Chromium for playwright-core: `$CHROME_PATH` when set (it must be an
 * executable file), else the first of `chromium`, `chromium-browser`,
 * `google-chrome` on `$PATH`. Returns the executable's path or undefined.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROME_PATH) return isExecutable(env.CHROME_PATH) ? path.resolve(env.CHROME_PATH) : undefined;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export const chromiumInput: OptionalInput = {
  what: 'Chromium',
  find: () => findChromium(),
  missing: () =>
    process.env.CHROME_PATH
      ? `CHROME_PATH=${process.env.CHROME_PATH} is not an executable file; to run it: CHROME_PATH=/path/to/chromium npm test`
      : `no ${CHROMIUM_NAMES.join(', ')} on PATH and no CHROME_PATH; to run it: sudo apt-get install -y chromium && npm test`,
};

/** A folder or file named by an environment variable (resolved from the working directory). */
function fromEnv(variable: string, what: string, kind: 'folder' | 'file', example: string, placeholder: string): OptionalInput {
  const find = () => {
    const value = process.env[variable];
    if (!value) return undefined;
    const resolved = path.resolve(value);
    try {
      const stat = statSync(resolved);
      return (kind === 'folder' ? stat.isDirectory() : stat.isFile()) ? resolved : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    what,
    find,
    missing: () =>
      (process.env[variable] ? `${variable}=${process.env[variable]} is not a ${kind}` : `${variable} is not set`) +
      `; to run it: ${runHint(variable, example, placeholder)}`,
  };
}

/**
 * The command that makes an input's tests run: `VAR=<team copy> npm test` when the team's copy
 * (`example`, e.g. ../shared/feeds-corpus, resolved from the working directory) exists here, else
 * `VAR=<placeholder> npm test` — a user's clone has no ../shared, and must not be sent looking for it.
 */
export function runHint(variable: string, example: string, placeholder: string, exists: (p: string) => boolean = existsSync): string {
  return `${variable}=${exists(path.resolve(example)) ? example : placeholder} npm test`;
}

/** The feeds corpus (a folder with MANIFEST.tsv), from `$CENTINELA_FEEDS_CORPUS`. */
export const feedsCorpusInput = fromEnv(
  'CENTINELA_FEEDS_CORPUS',
  'the feeds corpus',
  'folder',
  '../shared/feeds-corpus',
  '/path/to/feeds-corpus',
);

/** The labelled tagging development set (JSON Lines), from `$CENTINELA_TAGGING_DEV`. */
export const taggingDevInput = fromEnv(
  'CENTINELA_TAGGING_DEV',
  'the tagging development set',
  'file',
  '../shared/tagging-dev/articles.jsonl',
  '/path/to/articles.jsonl',
);

/**
 * `describe(name, …)` with the input's path when it is found; otherwise one
 * visible skipped test named "NOT RUN: <name>: <what is missing>; to run it: <command>".
 */
export function describeWith(input: OptionalInput, name: string, body: (found: string) => void): void {
  const found = input.find();
  if (found) {
    describe(name, () => body(found));
    return;
  }
  describe(name, () => {
    it.skip(`${NOT_RUN}: ${name}: ${input.missing()}`, () => {});
  });
}
