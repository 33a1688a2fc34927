/**
 * When rss-parser throws on a whole document, read it entry by entry: the
 * channel (or feed) header alone, then each `<item>`/`<entry>` wrapped in that
 * header. An entry that still fails is left out with the reason, so one
 * malformed entry costs that entry and never the outlet.
 */

export interface EntryChunks {
  /** Everything before the first entry: the root, the channel and its fields. */
  head: string;
  entries: string[];
  /** Everything after the last entry (closing tags). */
  tail: string;
}

const ENTRY = /<(item|entry)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\s*>)/g;

/** Splits a feed document into head, entries and tail; undefined when it has no entries. */
export function splitEntries(xml: string): EntryChunks | undefined {
  const entries: string[] = [];
  let first = -1;
  let last = -1;
  for (const match of xml.matchAll(ENTRY)) {
    if (first === -1) first = match.index;
    entries.push(match[0]);
    last = match.index + match[0].length;
  }
  if (first === -1) return undefined;
  return { head: xml.slice(0, first), entries, tail: xml.slice(last) };
}

/** A short label for an entry in a rejection reason: its title, else its position. */
export function entryLabel(entry: string, index: number): string {
  const title = /<title\b[^>]*>(?:<!\[CDATA\[)?([\s\S]*?)(?:]]>)?<\/title>/.exec(entry)?.[1]?.replace(/\s+/g, ' ').trim();
  return title ? `entry ${index + 1} ("${title.slice(0, 80)}")` : `entry ${index + 1}`;
}
