/**
 * Tables print text that came from feeds. A bidirectional override (U+202E) in
 * a title must not reverse the rest of the row on the terminal (the article id
 * after it would read backwards), and control characters (ESC sequences, NUL,
 * newlines) must not reach the terminal or break the row.
 */
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../bin/cli/output.ts';

describe('formatTable', () => {
  it('pads columns to the widest cell', () => {
    expect(formatTable(['a', 'bb'], [['xyz', '1']])).toBe('a    bb\n---  --\nxyz  1');
  });

  it('drops bidirectional controls from cells, so an unclosed override does not flip the row', () => {
    const table = formatTable(['title', 'id'], [['\u202Eminería ilegal en Puno', '6f5fcc4e']]);
    expect(table.split('\n')[2]).toBe('minería ilegal en Puno  6f5fcc4e');
    expect(formatTable(['t'], [['\u2066a\u2069\u200Fb\u061C']]).split('\n')[2]).toBe('ab');
  });

  it('turns control characters into spaces: no escape sequence, NUL or line break reaches the terminal', () => {
    const table = formatTable(['title', 'id'], [['Bus\u001b[2J atacado\nen\u0000Trujillo\u009b', 'ab12']]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table.split('\n')[2]).toBe('Bus [2J atacado en Trujillo   ab12');
  });
});
