import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lambdas/feeds/normalize/clean-text.ts';
import { htmlToText } from '../../../lambdas/feeds/normalize/html-text.ts';

describe('htmlToText', () => {
  it.each([
    ['blocks end lines', '<p>Uno</p><p>Dos</p>', 'Uno\nDos'],
    ['inline markup goes, its text stays', 'texto <b>en</b> <a href="x">negrita</a>', 'texto en negrita'],
    ['entities are decoded (&nbsp; folds into a space)', 'A &amp; B &ntilde; &#233; &nbsp;x', 'A & B ñ é x'],
    ['escaped markup comes back as text, not markup', '&lt;script&gt;', '<script>'],
    ['scripts and styles carry no text', '<script>alert(1)</script>Hola<style>p{color:red}</style>', 'Hola'],
    ['iframes carry no text', '<iframe src="x">no</iframe>fin', 'fin'],
    ['<br> ends a line', '<div>a<br>b</div>', 'a\nb'],
    ['spaces fold and blank lines go', '  muchos    espacios \n\n\n aquí ', 'muchos espacios\naquí'],
    ['list items on their own lines', '<ul><li>uno</li><li>dos</li></ul>', 'uno\ndos'],
    ['photo captions are not text', '<p>nota<figcaption>Foto: Andina</figcaption></p>', 'nota'],
    ['navigation is not text', '<nav>Menú</nav><article><h2>Título</h2><p>Texto</p></article>', 'Título\nTexto'],
    ['comments carry no text', '<!-- comentario -->visible', 'visible'],
    ['unclosed tags are closed', '<p>sin cerrar <b>negrita', 'sin cerrar negrita'],
    ['a stray < or > is text', 'a < b > c', 'a < b > c'],
    ['a bare & is text', 'x & y', 'x & y'],
    ['plain text passes through', 'sin marcado', 'sin marcado'],
    ['empty stays empty', '', ''],
  ])('%s', (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('htmlToText on hostile text', () => {
  const htmlish = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(fc.constantFrom('<p>', '</p>', '<script>', '</script>', '<br>', '<b', '>', '&amp;', '&#x0;', '&nbsp;', '<!--', '-->', '<![CDATA[', ']]>', 'texto', ' ', '\n', '\t'), { maxLength: 25 }).map((parts) => parts.join('')),
  );

  it('never throws and always gives trimmed, non-empty lines with single spaces', () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        const text = htmlToText(html);
        for (const line of text.split('\n')) {
          if (text === '') break;
          expect(line).not.toBe('');
          expect(line).toBe(line.trim());
          expect(line).not.toMatch(/\s\s/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('changes text without markup or entities only by folding its spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[<&]/.test(s)), (plain) => {
        expect(htmlToText(plain)).toBe(htmlToText(htmlToText(plain)));
        expect(htmlToText(plain).replace(/\s/g, '')).toBe(plain.replace(/\s/g, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds spaces exactly as "controls cleaned, then each line\'s \\s+ to one space, lines trimmed, empty lines dropped"', () => {
    const reference = (text: string) =>
      cleanText(text)
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n');
    const spacey = fc
      .array(fc.oneof(fc.constantFrom(' ', '  ', '\n', '\t', '\r', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u180e', '\u200b', '\u2000', '\u205f', '\x01', '\x85', '\x7f', 'x', 'año'), fc.string({ maxLength: 2, unit: 'binary' })), { maxLength: 25 })
      .map((parts) => parts.join('').replace(/[<&]/g, ''));
    fc.assert(
      fc.property(spacey, (plain) => {
        expect(htmlToText(plain)).toBe(reference(plain));
      }),
      { numRuns: 5000 },
    );
  });
});
