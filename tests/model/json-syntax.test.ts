/**
 * jsonSyntaxProblem: where a hand-written JSON file stops being JSON, as one
 * line with line and column, never quoting the file's text.
 */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem, lineAndColumn } from '../../lambdas/model/json-syntax.ts';

/** What JSON.parse threw for `text`. */
function thrown(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed`);
}

const problem = (text: string) => jsonSyntaxProblem(text, thrown(text));

describe('jsonSyntaxProblem', () => {
  it('turns "at position N" into a line and column (a trailing comma in an object on line 3)', () => {
    const text = '[\n  { "id": "el-vigia", "name": "El Vigía" },\n  { "id": "otro", }\n]\n';
    expect(problem(text)).toBe('line 3, column 19: Expected double-quoted property name');
  });

  it('locates a message that has no position and drops the text V8 quotes (a trailing comma in an array)', () => {
    const secret = 'https://hooks.example/T000/very-secret-token';
    const text = `{ "targets": [\n  "${secret}",\n] }`;
    const message = problem(text);
    expect(message).toBe("line 3, column 1: Unexpected token ']'");
    expect(message).not.toContain(secret);
  });

  it('counts CRLF as one line end', () => {
    expect(problem('[{"id":"x"\r\n "b":2}]')).toBe("line 2, column 2: Expected ',' or '}' after property value");
  });

  it('puts an unfinished file at its end, and calls an empty one empty', () => {
    expect(problem('[\n  {"id": "a"')).toBe("line 2, column 13: Expected ',' or '}' after property value");
    expect(problem('[\n')).toBe('line 2, column 1: Unexpected end of JSON input');
    expect(problem('  \n')).toBe('the file is empty (a JSON value is expected)');
  });

  it('keeps a long file to one short line', () => {
    const text = `[${'{"id":"a","name":"A","url":"https://a.example/feed","lang":"es"},\n'.repeat(500)}]`;
    const message = problem(text);
    expect(message).toBe("line 501, column 1: Unexpected token ']'");
  });
});

describe('lineAndColumn', () => {
  it('counts both from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
  });
});
