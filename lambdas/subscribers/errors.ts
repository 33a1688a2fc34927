/** The subscribers stage's errors: settings that can't be stored, and an unusable unsubscribe signing key. */

export type SubscriberErrorKind =
  | 'invalid-settings' // an address, theme, region, cadence or number a user typed is not valid
  | 'weak-signing-key'; // the key that signs unsubscribe links is too short to be safe

/** Message `subscribers: …` says which setting is wrong and what the valid values are. */
export class SubscriberError extends Error {
  override name = 'SubscriberError';
  constructor(
    readonly kind: SubscriberErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`subscribers: ${message}`, options);
  }
}

/** A subscriber setting that is not valid (kind 'invalid-settings'). */
export class SubscriberValidationError extends SubscriberError {
  override name = 'SubscriberValidationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-settings', message, options);
  }
}
