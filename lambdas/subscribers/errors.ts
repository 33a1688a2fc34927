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

/** One setting that is not valid: which (`email`, `themes`, `hour`, …) and why. */
export interface SettingProblem {
  field: string;
  message: string;
}

/**
 * Subscriber settings that are not valid (kind 'invalid-settings'). `problems`
 * lists every bad setting, not only the first, so a caller can report them all.
 */
export class SubscriberValidationError extends SubscriberError {
  override name = 'SubscriberValidationError';
  readonly problems: SettingProblem[];
  constructor(message: string, options?: { cause?: unknown; field?: string; problems?: SettingProblem[] }) {
    super('invalid-settings', message, options);
    this.problems = options?.problems ?? [{ field: options?.field ?? 'settings', message }];
  }
}
