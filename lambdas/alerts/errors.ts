/**
 * The alerts stage's errors. A delivery error names the target by its id only:
 * webhook URLs and bot tokens are secrets and never reach a message or a log.
 */

export type AlertDeliveryErrorKind = 'http-status' | 'timeout' | 'network' | 'blocked-address' | 'rejected';

/** One target could not take one alert; the others carry on and the next run retries it. */
export class AlertDeliveryError extends Error {
  override readonly name = 'AlertDeliveryError';
  constructor(
    readonly kind: AlertDeliveryErrorKind,
    readonly target: string,
    detail: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(`alerts: target "${target}": ${detail}`, { cause: options.cause });
    this.status = options.status;
  }
  readonly status?: number;
}

/** The alert targets file (or secret) is unreadable or invalid; the message says which entry and field. */
export class AlertConfigError extends Error {
  override readonly name = 'AlertConfigError';
  readonly kind = 'config';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(`alerts: ${message}`, options);
  }
}
