/**
 * Where a JSON text a person wrote by hand (a feed list, an alert targets file)
 * stops being JSON, as one line: `line 3, column 14: Expected ',' or '}' after
 * property value`. Pure: text and the error in, a phrase out.
 */
import { parse, type ParseError } from 'jsonc-parser';

/**
 * The problem `JSON.parse(text)` threw, located by line and column (both from 1).
 *
 * V8's messages (Node 20) are of three kinds: "… in JSON at position 12" (a
 * UTF-16 offset; Node 22 adds "(line 1 column 13)"), "Unexpected end of JSON
 * input", and "Unexpected token ']', "[1,2,]" is not valid JSON", which quotes
 * the text (up to the whole file) and gives no position. The position is
 * taken from the message when it has one, else from jsonc-parser's scanner
 * (strict: no comments, no trailing commas), else the end of the text; the
 * quoted text and the offset are dropped from the reason.
 *
 * @param text the text given to JSON.parse
 * @param error what JSON.parse threw (a SyntaxError)
 * @returns e.g. `line 3, column 14: Expected ',' or '}' after property value`
 */
export function jsonSyntaxProblem(text: string, error: unknown): string {
  if (text.trim() === '') return 'the file is empty (a JSON value is expected)';
  const message = error instanceof Error ? error.message : String(error);
  const stated = / at position (\d+)/.exec(message);
  const offset = stated ? Number(stated[1]) : firstErrorOffset(text);
  const reason = message
    .replace(/, [\s\S]* is not valid JSON$/, '')
    .replace(/ in JSON at position \d+[\s\S]*$/, '')
    // eslint-disable-next-line no-control-regex -- control characters in the token are shown escaped
    .replace(/[\u0000-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}: ${reason}`;
}

/** The offset of the first syntax error jsonc-parser finds in strict JSON, or the end of the text. */
function firstErrorOffset(text: string): number {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? text.length;
}

/** Line and column (from 1) of a UTF-16 offset; a CRLF counts as one line end. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split(/\r\n|\n|\r/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** What to do about a theme rules file (themes.json, gazetteer.json) that is not JSON. */
export const RULES_FILE_FIX = 'fix the file (npx centinela rules lint checks it)';

/**
 * One line for a data file that is not JSON, the same from the CLI and the
 * bundle build: `<shown>: not valid JSON: line L, column C: <what>; <fix>`.
 * @param shown the file's name as the reader should see it
 * @param text, error what JSON.parse was given and threw (see jsonSyntaxProblem)
 * @param fix what to do, e.g. RULES_FILE_FIX
 */
export function notValidJsonMessage(shown: string, text: string, error: unknown, fix: string): string {
  return `${shown}: not valid JSON: ${jsonSyntaxProblem(text, error)}; ${fix}`;
}
