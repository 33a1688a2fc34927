/**
 * rss-parser reads every RSS item's `<content:encoded>` and also makes a
 * plain-text "content:encodedSnippet" of it (two lazy regular expressions
 * and an entity decode over the whole article: about a quarter of its time on
 * a full-content feed, rss-parser 3.13 lib/fields.js `includeSnippet`).
 * Centinela makes its own text of that HTML and never reads the snippet, so
 * parse-feed.ts renames the element before parsing and reads it back as
 * `content:encoded` through a custom field (same value, no snippet). The
 * Atom reader doesn't read `<content:encoded>` at all: RSS only.
 */

/**
 * The name `<content:encoded>` is given; parse-feed.ts maps it back to
 * `content:encoded`. As long as the original, so the line and column in a
 * parser error still point at the same place.
 */
export const RENAMED_CONTENT_ENCODED = 'centinelaencode';

const NAME = 'content:encoded';

/**
 * `xml` with every `<content:encoded …>` and `</content:encoded>` tag renamed
 * to RENAMED_CONTENT_ENCODED; text inside CDATA sections is left as it is.
 * The same string when there is no such tag.
 */
export function renameContentEncoded(xml: string): string {
  let at = xml.indexOf(NAME);
  if (at === -1) return xml;
  let out = '';
  let copied = 0;
  let cdata = xml.indexOf('<![CDATA[');
  while (at !== -1) {
    if (cdata !== -1 && cdata < at) {
      const close = xml.indexOf(']]>', cdata + 9);
      if (close === -1) break;
      cdata = xml.indexOf('<![CDATA[', close + 3);
      if (at < close + 3) at = xml.indexOf(NAME, close + 3);
      continue;
    }
    const end = at + NAME.length;
    if (isTag(xml, at, end)) {
      out += xml.slice(copied, at) + RENAMED_CONTENT_ENCODED;
      copied = end;
    }
    at = xml.indexOf(NAME, end);
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}

/** Whether the name at [start, end) is a tag's name: after `<` or `</`, before whitespace, `/` or `>`. */
function isTag(xml: string, start: number, end: number): boolean {
  const before = xml.charCodeAt(start - 1);
  const opened = before === 0x3c || (before === 0x2f && xml.charCodeAt(start - 2) === 0x3c);
  const after = xml.charCodeAt(end);
  return opened && (after === 0x3e || after === 0x2f || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d);
}
