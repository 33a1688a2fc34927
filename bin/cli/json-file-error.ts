/**
 * The error a command ends with when a JSON data file it imports (the theme
 * rules, the gazetteer, the bundled feed list) is not valid JSON: thrown by
 * the module bin/json-syntax-hook.mjs loads in the file's place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { notValidJsonMessage, RULES_FILE_FIX } from '../../lambdas/model/json-syntax.ts';
import { UsageError } from './usage-error.ts';

const RULES_DIR = path.resolve(import.meta.dirname, '../../lambdas/tagging');

/**
 * What is wrong with `file` (an absolute path), as one line naming it (relative
 * to the working directory when inside it), the line and column (from 1) where
 * it stops being JSON, the parser's reason, and the fix:
 * `lambdas/tagging/themes.json: not valid JSON: line 3, column 12: Unexpected token ','; fix the file (npx centinela rules lint checks it)`.
 * A UsageError (main.ts exits 2); a plain Error when the file is valid JSON
 * again (it was fixed after the import failed) or cannot be read.
 */
export function jsonFileError(file: string): Error {
  const relative = path.relative(process.cwd(), file);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return new Error(`${shown}: could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    JSON.parse(text);
  } catch (error) {
    const fix = path.dirname(file) === RULES_DIR ? RULES_FILE_FIX : 'fix the file';
    return new UsageError(notValidJsonMessage(shown, text, error, fix), { cause: error });
  }
  return new Error(`${shown}: failed to load, yet it is valid JSON now (was it being edited?); run the command again`);
}
