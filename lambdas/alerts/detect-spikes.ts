/**
 * Spike detection (pure): is the count of distinct stories in the latest
 * window unusually high against the same window on each of the previous days?
 * Like EMM NewsBrief's alerts (a category whose count jumps against its moving
 * average) and Huginn's peak detector (mean + k standard deviations), with a
 * minimum count so that 0, 0, 0 … 1 is not news.
 */

export interface SpikeSettings {
  /** The latest window must hold at least this many stories (default 3). */
  minCount: number;
  /** …and more than mean + k·sd of the baseline (default 3). */
  k: number;
}

export const DEFAULT_SPIKE_SETTINGS: SpikeSettings = { minCount: 3, k: 3 };

/** The baseline length: the same 24-hour window on each of the previous 28 days. */
export const BASELINE_WINDOWS = 28;

export interface SpikeCheck {
  /** Stories in the latest window. */
  count: number;
  /** Mean and population standard deviation of the baseline windows. */
  mean: number;
  sd: number;
  /** mean + k·sd: the count must exceed it. */
  threshold: number;
  spike: boolean;
}

/**
 * `series` is oldest first and ends with the latest window (29 values for the
 * default baseline). Throws a RangeError when it has no baseline at all.
 */
export function checkSpike(series: number[], settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS): SpikeCheck {
  if (series.length < 2) throw new RangeError(`alerts: a spike needs a baseline; got a series of ${series.length} window(s)`);
  const count = series[series.length - 1]!;
  const baseline = series.slice(0, -1);
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const sd = Math.sqrt(baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / baseline.length);
  const threshold = mean + settings.k * sd;
  return { count, mean, sd, threshold, spike: count >= settings.minCount && count > threshold };
}
