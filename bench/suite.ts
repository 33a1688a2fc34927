/** A benchmark suite measures one stage and returns named figures. */
export type Figures = Record<string, number>;

export interface BenchSuite {
  /** Short name shown in the table, e.g. "tagging". */
  name: string;
  /** Runs the measurement; keys are dotted figure names like "tagging.articles_per_s". */
  run(): Promise<Figures>;
}

/** Milliseconds since `start` (from performance.now()), rounded to 0.1 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

/** Resident set size in MB, rounded. */
export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}
