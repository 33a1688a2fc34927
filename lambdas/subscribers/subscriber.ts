/**
 * A subscriber and what they want in their digest. Times are wall-clock
 * times in America/Lima (UTC−5 all year), the only zone Centinela mails in.
 */
import type { Language } from '../model/article.ts';
import { PERU } from '../model/country.ts';

export type Cadence = 'daily' | 'weekly';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** "active" receives digests; the others never do until someone subscribes them again. */
export type SubscriberStatus = 'active' | 'unsubscribed' | 'suppressed';

export interface SubscriberPreferences {
  /** Theme ids, or "all" (themes added to the rules later are included). */
  themes: string[] | 'all';
  /** Region ids; empty means every region (and articles without one). */
  regions: string[];
  /**
   * ISO 3166-1 alpha-2 codes of the countries whose stories the subscriber
   * reads; at least one. Peru's (and those whose country is unknown) fill the
   * theme sections; the others go to a short "In the region" section.
   */
  countries: string[];
  cadence: Cadence;
  /** Hour of the day the digest goes out, 0–23, Lima time. */
  hour: number;
  /** Weekday of a weekly digest (ignored for daily ones). */
  weekday: Weekday;
  lang: Language;
  /** Articles scoring below this on a theme are left out of that theme. */
  minScore: number;
  /** Send a digest even when nothing matched ("nothing happened" is news too). */
  sendEmpty: boolean;
  /** Also mail spike alerts between digests (lambdas/alerts/), for the same themes and regions. */
  alerts: boolean;
}

export interface Subscriber extends SubscriberPreferences {
  /** Lower-cased; the subscriber's identity. */
  email: string;
  status: SubscriberStatus;
  createdAt: string;
  updatedAt: string;
  /** Why the subscriber stopped receiving mail (unsubscribe link, bounce, complaint…). */
  statusReason?: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const DEFAULT_PREFERENCES: SubscriberPreferences = {
  themes: 'all',
  regions: [],
  countries: [PERU],
  cadence: 'daily',
  hour: 7,
  weekday: 1,
  lang: 'es',
  minScore: 0,
  sendEmpty: false,
  alerts: false,
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The theme ids a subscriber reads, given the themes the rules define today. */
export function subscribedThemes(subscriber: Pick<SubscriberPreferences, 'themes'>, allThemes: string[]): string[] {
  return subscriber.themes === 'all' ? allThemes : allThemes.filter((id) => subscriber.themes.includes(id));
}
