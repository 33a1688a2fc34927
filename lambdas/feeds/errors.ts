/**
 * Errors of the feed list (feeds.json, or a user's own list). The steps of a
 * poll have their own families: fetch/errors.ts and parse/errors.ts; normalize,
 * full text and feed state report problems as results, not errors.
 */

/** The feed list can't be used as written; `problems` names each entry (position and id) and field. */
export class FeedListError extends Error {
  override readonly name = 'FeedListError';
  readonly kind = 'invalid-feed-list';
  readonly problems: string[];
  constructor(problems: string[], options?: { cause?: unknown }) {
    super(`feed list: ${problems.join('; ')}`, options);
    this.problems = problems;
  }
}
