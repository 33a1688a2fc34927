import type { Cadence, Subscriber, SubscriberStatus, Weekday } from './subscriber.ts';

/** Who is due: daily subscribers whose hour has come, or weekly ones of this weekday. */
export interface DueQuery {
  cadence: Cadence;
  /** Lima weekday, for weekly digests. */
  weekday?: Weekday;
  /** Subscribers whose hour is at most this (a missed hour is caught up later the same day). */
  upToHour: number;
  /** Leave out subscribers already marked sent for this period (the sent record stays the authority). */
  period: string;
}

/** The port subscribers are kept behind; DynamoDB is the real adapter. Every read is a Query or GetItem. */
export interface SubscriberStore {
  /** Creates or replaces the subscriber (and its place in the schedule). */
  put(subscriber: Subscriber): Promise<void>;
  get(email: string): Promise<Subscriber | undefined>;
  list(): Promise<Subscriber[]>;
  /** Active subscribers due at this hour; never a Scan. */
  listDue(query: DueQuery): Promise<Subscriber[]>;
  /** Stops (or restarts) mail to a subscriber; false when there is no such subscriber. */
  setStatus(email: string, status: SubscriberStatus, reason: string, now: Date): Promise<boolean>;
  /** Deletes the subscriber; false when there was none. */
  remove(email: string): Promise<boolean>;
}

/** One digest of one subscriber for one period: claimed before sending, marked sent after. */
export interface SentRecord {
  email: string;
  period: string;
  state: 'claimed' | 'sent';
  claimId: string;
  claimedAt: string;
  sentAt?: string;
  messageId?: string;
}

/** What identifies a subscriber's place in the schedule. */
export type ScheduleRef = Pick<Subscriber, 'email' | 'cadence' | 'hour' | 'weekday'>;

export interface SentRecordStore {
  /**
   * Claims (subscriber, period) with a conditional write. Returns the claim id,
   * or undefined when the digest was sent or another run holds a live claim.
   * A claim older than `leaseMs` that was never marked sent can be taken over.
   */
  claim(email: string, period: string, options: { now: Date; leaseMs: number; claimId: string }): Promise<string | undefined>;
  /** Marks a claimed digest as sent; only the holder of the claim can. */
  markSent(subscriber: ScheduleRef, period: string, claimId: string, details: { now: Date; messageId: string }): Promise<void>;
  /** Gives a claim back after a failed send so the next run retries. */
  release(email: string, period: string, claimId: string): Promise<void>;
  get(email: string, period: string): Promise<SentRecord | undefined>;
}
