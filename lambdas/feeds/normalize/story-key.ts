/**
 * The key two feeds' copies of one story share, so the same story from Google
 * News and from the outlet's own feed is one article (issue 14, kind 3):
 *
 *   story key = outlet host + "|" + folded title
 *
 *  - the outlet host: for a Google News item the host of `<source url>` (the
 *    outlet's home page), for an outlet's own item the host of its canonical
 *    URL; lower case, without a leading "www." (`www.diariocorreo.pe` and
 *    `diariocorreo.pe` are one outlet). Another outlet with the same headline
 *    has another key: two outlets' stories are never merged by this key.
 *  - the folded title: the tagger's fold (lambdas/tagging/fold.ts: case and
 *    accents ignored, ñ kept, punctuation and spacing ignored). A Google News
 *    title has lost its " - Outlet" suffix already (google-news.ts), so it is
 *    the outlet's own headline. A title that differs in any word (a near miss,
 *    "3 detenidos" against "4 detenidos") has another key.
 * Titles of fewer than MIN_WORDS words ("Editorial", "Minuto a minuto") name
 * no story: no key. The time window within which a key joins two copies is the
 * poll's decision (feeds/story-identity.ts), not the key's.
 */
import { foldPhrase } from '../../tagging/fold.ts';

export { outletHost } from '../../model/outlet-host.ts';

/** Shorter titles are section names or standing headlines, not stories. */
export const MIN_WORDS = 4;

/** `host|folded title`, or undefined when the host is unknown or the title is too short to identify a story. */
export function storyKey(host: string | undefined, title: string): string | undefined {
  const folded = foldPhrase(title);
  if (!host || wordCount(folded, MIN_WORDS) < MIN_WORDS) return undefined;
  return `${host}|${folded}`;
}

/** The number of words in a folded phrase (single spaces between words), counted up to `atMost`. */
function wordCount(folded: string, atMost: number): number {
  let words = 1;
  for (let at = folded.indexOf(' '); at !== -1 && words < atMost; at = folded.indexOf(' ', at + 1)) words++;
  return words;
}
