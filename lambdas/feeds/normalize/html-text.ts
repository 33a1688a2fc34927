import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { cleanText } from './clean-text.ts';

/** Elements whose content is never article text. */
const DROPPED = new Set(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'svg', 'form', 'nav', 'aside', 'footer', 'header', 'template', 'button', 'select', 'figcaption']);
/** Elements that end a line of text. */
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'section', 'article', 'pre', 'ul', 'ol', 'table', 'figure', 'hr', 'dd', 'dt']);

/** Void elements: they never close, so a dropped one must not start skipping. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Plain text of an HTML fragment: no markup, entities decoded (numeric
 * references 128–159 as windows-1252, as browsers do), blocks on their own
 * lines, spaces folded, no control characters. htmlparser2's tokenizer
 * straight to text: no DOM and no tag stack are built; loading each item into
 * cheerio made parse + normalise ~5× slower than rss-parser alone.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldSpaces(cleanText(html));
  const parts: string[] = [];
  let skipping = 0;
  let opened = '';
  const noop = () => {};
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      opened = html.slice(start, end).toLowerCase();
      if (DROPPED.has(opened) && !VOID.has(opened)) skipping++;
      else if (skipping === 0 && opened === 'br') parts.push('\n');
    },
    onselfclosingtag() {
      if (DROPPED.has(opened) && !VOID.has(opened)) skipping = Math.max(0, skipping - 1);
    },
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (DROPPED.has(name)) skipping = Math.max(0, skipping - 1);
      else if (skipping === 0 && BLOCKS.has(name)) parts.push('\n');
    },
    ontext(start, end) {
      if (skipping === 0) parts.push(html.slice(start, end));
    },
    ontextentity(codePoint) {
      if (skipping === 0) parts.push(String.fromCodePoint(codePoint));
    },
    onattribdata: noop,
    onattribentity: noop,
    onattribend: noop,
    onattribname: noop,
    oncdata: noop,
    oncomment: noop,
    ondeclaration: noop,
    onend: noop,
    onopentagend: noop,
    onprocessinginstruction: noop,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return foldSpaces(cleanText(parts.join('')));
}

function foldSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
