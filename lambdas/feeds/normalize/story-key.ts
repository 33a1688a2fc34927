/**
 * The key two feeds' copies of one story share: the outlet's host and the
 * title folded (case, accents, punctuation and spacing ignored). Google News
 * titles are the outlet's own headline, so an outlet's item and the Google
 * News item for it have the same key.
 */

/** Lower case, no accents, letters and digits only, single spaces. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

/** `host|folded title`, or undefined when either is missing or the title is too short to identify a story. */
export function storyKey(host: string | undefined, title: string): string | undefined {
  const folded = foldForMatching(title);
  if (!host || folded.split(' ').length < 4) return undefined;
  return `${host}|${folded}`;
}
