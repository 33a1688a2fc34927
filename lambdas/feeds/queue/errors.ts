/** The dispatch stage's errors: feeds the queue would not take. */

export type FeedQueueErrorKind = 'refused'; // the queue refused some messages (throttled, too big, internal error)

/** Message `dispatch: …` names the refused feeds; the next dispatch round queues them again. */
export class FeedQueueError extends Error {
  override name = 'FeedQueueError';
  constructor(
    readonly kind: FeedQueueErrorKind,
    message: string,
    readonly feedIds: string[],
    options?: { cause?: unknown },
  ) {
    super(`dispatch: ${message}`, options);
  }
}
