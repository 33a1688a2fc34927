import { normalizeEmail } from './subscriber.ts';
import type { SubscriberStore } from './subscriber-store.ts';

export interface SuppressionEvent {
  email: string;
  /** e.g. "Bounce/Permanent" or "Complaint" from the SES event. */
  reason: string;
}

/**
 * Stops mail to an address SES reported as a permanent bounce or a complaint.
 * Returns false when the address isn't a subscriber (nothing to do).
 */
export async function suppressSubscriber(
  deps: { subscribers: Pick<SubscriberStore, 'setStatus'> },
  event: SuppressionEvent,
  now: Date,
): Promise<boolean> {
  return deps.subscribers.setStatus(normalizeEmail(event.email), 'suppressed', event.reason, now);
}
