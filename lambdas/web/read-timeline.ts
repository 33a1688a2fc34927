/**
 * What the web pages read from the store, all through Queries and GetItems:
 *  - readTimeline: one page of the filtered timeline, newest first, within a
 *    time budget (a text search over a wide period may read many index pages;
 *    past the budget it stops and says so instead of holding the request);
 *  - readSeries: a theme's or region's articles per Lima week over 12 weeks,
 *    and the period's top stories, ranked as the digest ranks them.
 */
import { rankListings } from '../digest/build-digest.ts';
import { addDays, limaDay, limaDayStart } from '../model/lima-time.ts';
import type { Article } from '../model/article.ts';
import type { ArticleBrowser, ArticleStore, ListingItem, TimeRange } from '../store/article-store.ts';
import { findListings } from '../store/find-listings.ts';
import { periodRange, type PeriodId, type TimelineFilter } from './filters.ts';

/** A timeline page answers within about this long, however wide the search. */
export const DEFAULT_SEARCH_BUDGET_MS = 3000;

export class SearchBudgetExceeded extends Error {
  override name = 'SearchBudgetExceeded';
  readonly kind = 'search-budget';
}

export interface TimelinePage {
  items: ListingItem[];
  /** Another page exists after this one. */
  hasMore: boolean;
  /** Set when the search stopped at its time budget (milliseconds spent). */
  stoppedAfterMs?: number;
}

export interface Budget {
  ms: number;
  /** Monotonic milliseconds (performance.now in the app; a fake in tests). */
  elapsed: () => number;
}

export async function readTimeline(browser: ArticleBrowser, filter: TimelineFilter, now: Date, budget: Budget): Promise<TimelinePage> {
  const start = budget.elapsed();
  const bounded = withBudget(browser, () => budget.elapsed() - start > budget.ms);
  const skip = (filter.page - 1) * filter.limit;
  const items: ListingItem[] = [];
  let seen = 0;
  try {
    for await (const item of findListings(bounded, {
      range: periodRange(filter.period, now),
      theme: filter.theme,
      region: filter.region,
      feedId: filter.feed,
      text: filter.text,
      countries: filter.country ? [filter.country] : undefined,
    })) {
      seen++;
      if (seen <= skip) continue;
      if (items.length === filter.limit) return { items, hasMore: true };
      items.push(item);
    }
  } catch (error) {
    if (!(error instanceof SearchBudgetExceeded)) throw error;
    return { items, hasMore: false, stoppedAfterMs: Math.round(budget.elapsed() - start) };
  }
  return { items, hasMore: false };
}

/** The browser, refusing further reads once `exhausted()` says the budget is spent. */
function withBudget(browser: ArticleBrowser, exhausted: () => boolean): ArticleBrowser {
  const check = () => {
    if (exhausted()) throw new SearchBudgetExceeded('web: the search ran out of its time budget');
  };
  return {
    listPage: async (source, range, page) => {
      check();
      return browser.listPage(source, range, page);
    },
    getArticles: async (ids) => {
      check();
      return browser.getArticles(ids);
    },
  };
}

/**
 * A browser whose batch read is GetItems (at most 8 at a time): the web
 * function's role has GetItem and Query only, not BatchGetItem.
 */
export function getItemBrowser(store: Pick<ArticleBrowser, 'listPage'> & Pick<ArticleStore, 'getArticle'>): ArticleBrowser {
  return {
    listPage: (source, range, page) => store.listPage(source, range, page),
    getArticles: async (ids) => {
      const found: (Article | undefined)[] = new Array(ids.length);
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const index = next++;
          found[index] = await store.getArticle(ids[index]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
      return found.filter((a): a is Article => a !== undefined);
    },
  };
}

export const SERIES_WEEKS = 12;
export const TOP_STORIES = 10;

export interface WeekCount {
  /** The Monday (Lima day) the week starts on. */
  weekStart: string;
  count: number;
}

export interface Series {
  weeks: WeekCount[];
  top: ListingItem[];
  period: TimeRange;
}

/** The Monday of the Lima week holding `day` (ISO weeks start on Monday). */
export function weekStartOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00.000Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/**
 * Counts per Lima week (the last SERIES_WEEKS weeks, the current one last) and
 * the top stories of `period`, from one listing `list(range)` over the window.
 */
export async function readSeries(list: (range: TimeRange) => Promise<ListingItem[]>, period: PeriodId, now: Date): Promise<Series> {
  const lastWeek = weekStartOf(limaDay(now));
  const weekStarts = Array.from({ length: SERIES_WEEKS }, (_, i) => addDays(lastWeek, (i - SERIES_WEEKS + 1) * 7));
  const periodWindow = periodRange(period, now);
  const windowFrom = [limaDayStart(weekStarts[0]!).toISOString(), periodWindow.from].sort()[0]!;
  const items = await list({ from: windowFrom, to: now.toISOString() });
  const counts = new Map(weekStarts.map((week) => [week, 0]));
  for (const item of items) {
    const week = weekStartOf(limaDay(item.publishedAt));
    if (counts.has(week)) counts.set(week, counts.get(week)! + 1);
  }
  const inPeriod = items.filter((item) => item.publishedAt >= periodWindow.from && item.publishedAt < periodWindow.to);
  return {
    weeks: weekStarts.map((weekStart) => ({ weekStart, count: counts.get(weekStart)! })),
    top: rankListings(inPeriod, periodWindow).slice(0, TOP_STORIES),
    period: periodWindow,
  };
}
