import { load } from 'cheerio/slim';

const DROPPED = 'script, style, noscript, iframe, object, embed, svg, form, nav, aside, footer, header';
const BLOCKS = 'p, div, br, li, h1, h2, h3, h4, h5, h6, blockquote, tr, section, article';

/** Plain text of an HTML fragment: no markup, blocks on their own lines, spaces folded. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldSpaces(html);
  const $ = load(html, null, false);
  $(DROPPED).remove();
  $(BLOCKS).each((_, element) => {
    $(element).append('\n');
  });
  return foldSpaces($.root().text());
}

function foldSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
