/** The rule term inside a "why" snippet, found the way the tagger matches (case and accents folded, whole words). */
import { splitWords } from '../tagging/fold.ts';

/** [start, end) of the first whole-word occurrence of `term` in `text` (UTF-16 offsets), or undefined. */
export function findTerm(text: string, term: string): [number, number] | undefined {
  const wanted = splitWords(term).words;
  if (wanted.length === 0) return undefined;
  const { words, starts, ends } = splitWords(text);
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, j) => words[i + j] === w)) return [starts[i]!, ends[i + wanted.length - 1]!];
  }
  return undefined;
}
