import type { Language } from '../model/article.ts';
import type { ListingItem, TimeRange } from '../store/article-store.ts';

export interface ThemeLabel {
  id: string;
  label: Record<Language, string>;
}

export interface DigestSection {
  theme: string;
  label: string;
  /** Ranked: highest score first, then newest. */
  items: ListingItem[];
  /** Articles of this theme in the period, before the cap. */
  total: number;
}

export interface Digest {
  lang: Language;
  period: TimeRange;
  subject: string;
  sections: DigestSection[];
  /** Distinct articles across all sections. */
  totalArticles: number;
}

export interface BuildDigestInput {
  lang: Language;
  period: TimeRange;
  themes: ThemeLabel[];
  listingsByTheme: Map<string, ListingItem[]>;
  maxItemsPerTheme: number;
}

/** Groups the period's articles by theme, ranks each group and writes the subject line. */
export function buildDigest(input: BuildDigestInput): Digest {
  const sections = input.themes
    .map((theme) => {
      const listings = input.listingsByTheme.get(theme.id) ?? [];
      return {
        theme: theme.id,
        label: theme.label[input.lang],
        items: rank(listings).slice(0, input.maxItemsPerTheme),
        total: listings.length,
      };
    })
    .filter((section) => section.total > 0);
  const totalArticles = new Set(sections.flatMap((s) => [...(input.listingsByTheme.get(s.theme) ?? [])].map((i) => i.articleId))).size;
  return { lang: input.lang, period: input.period, sections, totalArticles, subject: subjectLine(sections, totalArticles, input.lang) };
}

export function rank(listings: ListingItem[]): ListingItem[] {
  return [...listings].sort((a, b) => b.score - a.score || b.publishedAt.localeCompare(a.publishedAt));
}

function subjectLine(sections: DigestSection[], total: number, lang: Language): string {
  const counts = sections.map((s) => `${s.label} ${s.total}`).join(' · ');
  const head = lang === 'es' ? `Centinela: ${total} artículos` : `Centinela: ${total} articles`;
  return counts ? `${head} — ${counts}` : head;
}
