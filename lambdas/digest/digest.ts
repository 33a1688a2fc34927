/**
 * What a digest is, as data: built by build-digest.ts, worded by subject-line.ts,
 * rendered by render-digest.ts. Types only, so those modules share them without
 * importing each other.
 */
import type { SpikeCheck } from '../alerts/detect-spikes.ts';
import type { Language } from '../model/article.ts';
import type { ListingItem } from '../store/article-store.ts';
import type { ChartBucket, Period } from './period.ts';

export interface DigestFilters {
  /** Empty: every region. */
  regions: string[];
  minScore: number;
}

export interface ThemeLabel {
  id: string;
  label: Record<Language, string>;
}

/** What the loader reads from the stored article of a story's lead (a batch read, load-digest.ts). */
export interface StoryDetails {
  /** First sentence of the summary. */
  lede?: string;
  /** Why it was tagged, per theme: text around the strongest hit and the rule term that fired there. */
  why?: Record<string, { snippet: string; term: string }>;
  /** Every feed that carried the article (merged copies of the same URL included). */
  sources: { feedName: string; url: string }[];
}

export interface Story {
  lead: ListingItem;
  /** Subscribed themes the story carries, strongest first; the first is the section it appears in. */
  themes: string[];
  regions: string[];
  /** Distinct outlets that told the story. */
  outlets: number;
  /** The outlets other than the lead's, with their links. */
  alsoIn: { feedName: string; url: string }[];
  lede?: string;
  why?: { snippet: string; term: string };
}

export interface DigestSection {
  theme: string;
  label: string;
  /** Ranked, multi-outlet stories first; the renderer shows as many as fit. */
  stories: Story[];
  /** Stories carrying this theme that appear under a stronger theme. */
  elsewhere: number;
}

export interface ThemeCount {
  theme: string;
  label: string;
  /** Distinct stories this period and the period before. */
  count: number;
  previous: number;
  spike?: SpikeCheck;
}

export interface RegionCount {
  region: string;
  name: string;
  count: number;
  previous: number;
}

/** A theme (or theme × region) whose stories in the digest's day exceed its 28-day baseline. */
export interface SpikeMark {
  theme: string;
  label: string;
  region?: string;
  regionName?: string;
  check: SpikeCheck;
  /** Stories per day, the 28 baseline days then the digest's day. */
  series: number[];
}

export interface Digest {
  lang: Language;
  period: Period;
  subject: string;
  /** The 3–5 biggest stories (most outlets, then score). */
  top: Story[];
  /** Every subscribed theme: stories this period and the period before. */
  counts: ThemeCount[];
  chart: { buckets: ChartBucket[]; rows: { theme: string; label: string; counts: number[] }[] };
  /** Themes with at least one story placed under them. */
  sections: DigestSection[];
  /** Distinct stories this period and the period before. */
  totalStories: number;
  previousTotal: number;
  /** Regions with stories this period or the one before, busiest first. */
  regions: RegionCount[];
  spikes: SpikeMark[];
  themeLabels: Record<string, string>;
  regionNames: Record<string, string>;
  /** Stories about the subscriber's other countries, after the theme sections (set by the loader; see region-section.ts). */
  region?: RegionSection;
}

/** The short "En la región / In the region" section (region-section.ts). */
export interface RegionSection {
  label: string;
  /** Ranked, best first, at most REGION_STORIES. */
  stories: Story[];
  /** Distinct articles about the chosen countries in the period, shown or not. */
  articleCount: number;
}
