import { Parser } from 'htmlparser2';
import { cleanText } from './clean-text.ts';

/** Elements whose content is never article text. */
const DROPPED = new Set(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'svg', 'form', 'nav', 'aside', 'footer', 'header', 'template', 'button', 'select', 'figcaption']);
/** Elements that end a line of text. */
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'section', 'article', 'pre', 'ul', 'ol', 'table', 'figure', 'hr', 'dd', 'dt']);

/**
 * Plain text of an HTML fragment: no markup, entities decoded (numeric
 * references 128–159 as windows-1252, as browsers do), blocks on their own
 * lines, spaces folded, no control characters. htmlparser2's streaming parser
 * straight to text: no DOM is built, which made feed parsing ~5× slower than
 * rss-parser alone with cheerio (see docs/feeds.md, "Speed").
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldSpaces(cleanText(html));
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) skipping++;
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
      onclosetag(name) {
        if (DROPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (skipping === 0 && BLOCKS.has(name)) parts.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return foldSpaces(cleanText(parts.join('')));
}

function foldSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
