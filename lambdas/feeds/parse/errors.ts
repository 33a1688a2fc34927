/**
 * The parse stage's errors: a fetched document that is not a feed we can read.
 * The poller records the message on the feed's state; other feeds go on.
 */

export type FeedParseErrorKind =
  | 'empty' // no content at all
  | 'html-page' // a web page where a feed was expected
  | 'unreadable-xml' // rss-parser (sax) refused it even after repair; `cause` is its error
  | 'invalid-json' // starts like JSON but does not parse; `cause` is the SyntaxError
  | 'not-json-feed'; // valid JSON without a JSON Feed version and items array

/** A document that could not be read as RSS, Atom, RDF or JSON Feed; message `parse: …` names the URL. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
  constructor(
    readonly kind: FeedParseErrorKind,
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`parse: ${message}`, options);
  }
}
