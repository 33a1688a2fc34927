/**
 * The suppression policy: which SES feedback stops mail to an address, and
 * the action that does it. A permanent bounce (the address does not exist) or
 * a complaint (the reader marked it as spam) suppresses; a transient bounce
 * (full mailbox, out of office) keeps the address. Source: SES developer
 * guide, "Contents of event data that Amazon SES publishes" (bounce types).
 */
import { normalizeEmail } from './subscriber.ts';
import type { SubscriberStore } from './subscriber-store.ts';

export interface SuppressionEvent {
  email: string;
  /** e.g. "Bounce/Permanent/General" or "Complaint/abuse" from the SES event. */
  reason: string;
}

/** The fields of an SES event the policy reads (eventType, or notificationType for identity notifications). */
export interface SesFeedback {
  type?: string;
  bounce?: { bounceType: string; bounceSubType?: string; bouncedRecipients: { emailAddress: string }[] };
  complaint?: { complaintFeedbackType?: string; complainedRecipients: { emailAddress: string }[] };
}

export type SuppressionDecision =
  | { action: 'suppress'; suppressions: SuppressionEvent[] }
  /** A transient bounce: the address stays; `reason` says which kind. */
  | { action: 'keep'; reason: string }
  /** Not a bounce or complaint (delivery, open, …): nothing to do. */
  | { action: 'ignore'; type?: string };

/** What to do with one SES event: suppress its recipients, keep them, or ignore the event. */
export function suppressionPolicy(feedback: SesFeedback): SuppressionDecision {
  const { type, bounce, complaint } = feedback;
  if (type === 'Bounce' && bounce) {
    const reason = `Bounce/${bounce.bounceType}${bounce.bounceSubType ? `/${bounce.bounceSubType}` : ''}`;
    if (bounce.bounceType !== 'Permanent') return { action: 'keep', reason };
    return { action: 'suppress', suppressions: bounce.bouncedRecipients.map((r) => ({ email: r.emailAddress, reason })) };
  }
  if (type === 'Complaint' && complaint) {
    const reason = `Complaint${complaint.complaintFeedbackType ? `/${complaint.complaintFeedbackType}` : ''}`;
    return { action: 'suppress', suppressions: complaint.complainedRecipients.map((r) => ({ email: r.emailAddress, reason })) };
  }
  return { action: 'ignore', type };
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
