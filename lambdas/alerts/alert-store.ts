import type { Spike } from './find-spikes.ts';

/** How one webhook target (or mail) has fared: cleared by a success, kept from the first failure on. */
export interface TargetHealth {
  target: string;
  /** When the current run of failures began; absent when the last delivery worked. */
  failingSince?: string;
  lastError?: string;
  lastSuccessAt?: string;
  consecutiveFailures: number;
}

/**
 * The port alerts keep their state behind (DynamoDB is the real adapter; every
 * read is a Query or GetItem):
 *  - spikes, recorded per Lima day so a failed delivery is retried on later runs even after the spike subsides
 *  - one claim per (recipient, spike), like digests: a conditional write, so nothing is sent twice
 *  - the health of each target, for `centinela alerts` and the alarm
 */
export interface AlertStore {
  /** Records a spike the first time it is seen (later sightings keep the first record). */
  recordSpike(spike: Spike, now: Date): Promise<void>;
  /** Spikes recorded on these Lima days. */
  listSpikes(days: string[]): Promise<Spike[]>;
  claim(recipient: string, spikeId: string, options: { now: Date; leaseMs: number; claimId: string }): Promise<string | undefined>;
  markSent(recipient: string, spikeId: string, claimId: string, details: { now: Date; messageId: string }): Promise<void>;
  release(recipient: string, spikeId: string, claimId: string): Promise<void>;
  recordSuccess(target: string, now: Date): Promise<void>;
  recordFailure(target: string, error: string, now: Date): Promise<void>;
  listHealth(): Promise<TargetHealth[]>;
}
