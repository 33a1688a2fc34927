/**
 * What a digest is, as data: built by build-digest.ts, worded by subject-line.ts,
 * rendered by render-digest.ts. Types only, so those modules share them without
 * importing each other.
 */
import type { Language } from '../model/article.ts';
import type { ListingItem } from '../store/article-store.ts';
import type { Period } from './period.ts';

export interface ThemeLabel {
  id: string;
  label: Record<Language, string>;
}

export interface DigestFilters {
  /** Empty: every region. */
  regions: string[];
  minScore: number;
}

export interface Story {
  lead: ListingItem;
  /** Other outlets that ran the same story. */
  alsoIn: { feedName: string; url: string }[];
  /** Why it was tagged: text around the first rule term that fired (filled in by the loader). */
  snippet?: string;
}

export interface DigestSection {
  theme: string;
  label: string;
  /** Ranked, best first; the renderer shows as many as fit. */
  stories: Story[];
  articleCount: number;
}

export interface ThemeCount {
  theme: string;
  label: string;
  count: number;
  previous: number;
}

export interface Digest {
  lang: Language;
  period: Period;
  subject: string;
  /** Every subscribed theme, with its count this period and the period before. */
  counts: ThemeCount[];
  chart: { days: string[]; rows: { theme: string; label: string; counts: number[] }[] };
  /** Themes with at least one article this period. */
  sections: DigestSection[];
  /** Distinct articles across all sections. */
  totalArticles: number;
  /** Stories about the subscriber's other countries, after the theme sections (set by the loader; see region-section.ts). */
  region?: RegionSection;
  regionNames: Record<string, string>;
}

/** The short "En la región / In the region" section (region-section.ts). */
export interface RegionSection {
  label: string;
  /** Ranked, best first, at most REGION_STORIES. */
  stories: Story[];
  /** Distinct articles about the chosen countries in the period, shown or not. */
  articleCount: number;
}
