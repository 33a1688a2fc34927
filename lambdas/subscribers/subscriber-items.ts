/**
 * How subscribers are laid out in the subscribers table (pure: no I/O).
 *
 *   pk                    sk                  what
 *   SUBSCRIBER            <email>             the profile (list = one Query)
 *   DUE#daily             <HH>#<email>        schedule entry of an active daily subscriber
 *   DUE#weekly#<1-7>      <HH>#<email>        … of an active weekly subscriber, per Lima weekday
 *   SENT#<email>          <period>            claim / sent record of one digest (TTL)
 *
 * A schedule entry carries a copy of the profile, so the hourly job finds who
 * is due with one Query (`sk <= "<HH>#\uffff"`) and no second read.
 */
import { DEFAULT_PREFERENCES, type Cadence, type Subscriber, type Weekday } from './subscriber.ts';

export const PROFILE_PARTITION = 'SUBSCRIBER';

export const profileKey = (email: string) => ({ pk: PROFILE_PARTITION, sk: email });

export function duePartition(cadence: Cadence, weekday?: Weekday): string {
  return cadence === 'daily' ? 'DUE#daily' : `DUE#weekly#${weekday ?? 1}`;
}

export const hourPrefix = (hour: number) => String(hour).padStart(2, '0');

export function dueKey(subscriber: Pick<Subscriber, 'email' | 'cadence' | 'hour' | 'weekday'>) {
  return { pk: duePartition(subscriber.cadence, subscriber.weekday), sk: `${hourPrefix(subscriber.hour)}#${subscriber.email}` };
}

export const sentKey = (email: string, period: string) => ({ pk: `SENT#${email}`, sk: period });

const PROFILE_FIELDS = [
  'email', 'themes', 'regions', 'countries', 'cadence', 'hour', 'weekday', 'lang', 'minScore', 'sendEmpty', 'alerts',
  'status', 'statusReason', 'createdAt', 'updatedAt',
] as const;

export function toSubscriber(item: Record<string, unknown>): Subscriber {
  const subscriber: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) if (item[field] !== undefined) subscriber[field] = item[field];
  // Profiles saved before the country option existed get its default: Peru only.
  subscriber.countries ??= [...DEFAULT_PREFERENCES.countries];
  return subscriber as unknown as Subscriber;
}
