/**
 * rss-parser reads every RSS item's `<content:encoded>` and also makes a
 * plain-text "content:encodedSnippet" of it (two lazy regular expressions
 * and an entity decode over the whole article: about a quarter of its time on
 * a full-content feed, rss-parser 3.13 lib/fields.js `includeSnippet`).
 * Centinela makes its own text of that HTML and never reads the snippet, so
 * parse-feed.ts has xml2js (the tree builder under rss-parser) give the
 * element another name as it reads it, through xml2js's `tagNameProcessors`
 * option, and reads it back as `content:encoded` through a custom field (same
 * value, no snippet). The document text is never rewritten, so parser errors
 * name the element and the place as written. The Atom reader doesn't read
 * `<content:encoded>` at all: RSS only.
 */

/** The name xml2js gives `<content:encoded>`; parse-feed.ts maps it back to `content:encoded`. */
export const RENAMED_CONTENT_ENCODED = 'centinelaencode';

const NAME = 'content:encoded';

/**
 * An xml2js tag-name processor (xml2js 0.6 `tagNameProcessors`: called with
 * each element's name as written, its result is the element's key):
 * `content:encoded` becomes RENAMED_CONTENT_ENCODED, every other name stays.
 */
export function renameContentEncodedTag(name: string): string {
  return name === NAME ? RENAMED_CONTENT_ENCODED : name;
}
