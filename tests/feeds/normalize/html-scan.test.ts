import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanPlainShape, tokenizeHtml } from '../../../lambdas/feeds/normalize/html-scan.ts';

describe('scanPlainShape (the fast HTML scanner)', () => {
  it.each([
    ['paragraphs, links and images', '<p class="x">Uno <a href="https://rpp.pe/a?b=1&amp;c=2">dos</a></p><figure><img src="a.jpg"/><figcaption>Foto</figcaption></figure>'],
    ['entities in text', '<p>A &amp; B &ntilde; &#233; &#147;x&#148; &nbsp;y &copy 2026 AT&T</p>'],
    ['comments, including the short forms', '<!-- wp:paragraph --><p>a</p><!-->b<!--->c'],
    ['scripts and styles, any case, with markup inside', '<script>if (a < b) document.write("<p>x</p>")</script><STYLE>p{}</STYLE >fin'],
    ['a quoted attribute holding > and /', '<a title="a > b" data-x=\'/>\'>texto</a>'],
    ['an unquoted value ending in / does not self-close', '<iframe src=x/>dentro</iframe>fuera'],
    ['self-closing with a space before />', '<iframe src="x" / >fuera<br / >'],
    ['stray < that start no tag', 'a < b <3 <<p>c</p> <'],
    ['end tags with spaces and junk before >', '<p>a</p  ><b>b</b x="y">'],
    ['dropped and void elements', '<nav>menú</nav><embed src=x>texto</embed><hr>x<br>y</br>'],
  ])('reads %s itself, exactly as the tokenizer does', (_, html) => {
    const scanned = scanPlainShape(html);
    expect(scanned).toBeDefined();
    expect(scanned).toBe(tokenizeHtml(html));
  });

  it.each([
    ['CDATA', '<![CDATA[x]]>y'],
    ['a doctype', '<!DOCTYPE html><p>x</p>'],
    ['a processing instruction', '<?php echo 1 ?>x'],
    ['<title> (its entities are decoded)', '<title>a &amp; b</title>'],
    ['<textarea>', '<textarea><p>x</p></textarea>'],
    ['an end tag with a space before its name', '</ p>x'],
    ['</>', 'a</>b'],
    ['a tag cut off by the end', '<p>texto <a href="x'],
    ['an end tag cut off by the end', 'texto</p'],
    ['an unterminated comment', 'a<!-- b'],
  ])('hands %s to the tokenizer', (_, html) => {
    expect(scanPlainShape(html)).toBeUndefined();
  });
});

describe('scanPlainShape against htmlparser2 on generated HTML', () => {
  const names = ['p', 'P', 'br', 'BR', 'hr', 'li', 'div', 'a', 'A', 'img', 'script', 'Script', 'style', 'figcaption', 'embed', 'iframe', 'nav', 'h2', 'blockquote', 'title', 'x', 'scripts', 'lin\u212a', 'figure', 'noscript', 'abcdefghijk'];
  const attribute = fc.constantFrom('', ' href="x"', " class='y z'", ' a=b', ' a=b/', ' c', ' d = "e>f"', ' =g', ' /', '/', ' / ', '\t', '\n', ' data-x="1"data-y="2"', ' "q"');
  const tag = fc
    .tuple(fc.constantFrom('<', '</', '</ '), fc.constantFrom(...names), attribute, fc.constantFrom('>', '/>', ' >', '', '/ >'))
    .map((parts) => parts.join(''));
  const piece = fc.constantFrom('texto', ' ', '\n', '\t', '\u00a0', '&amp;', '&amp', '&#147;', '&#x0;', '&nbsp;', '&notit;', '&', '<', '>', '<!--', '-->', '<!-->', '<![CDATA[', ']]>', '<?x?>', '"', '=', '/', '\x1c', '\x0f', 'ñ');
  const htmlish = fc.oneof(
    fc.array(fc.oneof(tag, tag, piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary' }),
  );

  it('gives the tokenizer-based reading whenever it does not hand over', () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        const scanned = scanPlainShape(html);
        if (scanned !== undefined) expect(scanned).toBe(tokenizeHtml(html));
      }),
      { numRuns: 5000 },
    );
  });

  it('never hands over the usual shape: tags with quoted attributes, text, entities, comments, scripts', () => {
    const usualTag = fc
      .tuple(fc.constantFrom('p', 'a', 'b', 'img', 'figure', 'figcaption', 'div', 'span', 'br', 'li', 'h2'), fc.constantFrom('', ' href="https://x.pe/a?b=1&amp;c=2"', " class='nota'", ' src="a.jpg" alt="Foto: archivo"'), fc.boolean())
      .chain(([name, attributes, selfClosing]) => fc.constantFrom(`<${name}${attributes}${selfClosing ? ' /' : ''}>`, `</${name}>`));
    const usualText = fc.constantFrom('La Policía capturó a dos ', 'extorsionadores', ' en Lima &amp; Callao. ', '&nbsp;', '\n', '<!-- anuncio -->', '<script>track(1)</script>', '&#8220;cita&#8221;');
    fc.assert(
      fc.property(fc.array(fc.oneof(usualTag, usualText), { maxLength: 30 }), (parts) => {
        const html = parts.join('');
        expect(scanPlainShape(html)).toBe(tokenizeHtml(html));
      }),
      { numRuns: 2000 },
    );
  });
});
