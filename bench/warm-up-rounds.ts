/**
 * When DynamoDB Local's warm-up may stop (bench/bench-database.ts): pure, so
 * the rule is tested without Java (tests/bench/warm-up-rounds.test.ts).
 *
 * The warm-up runs in rounds; after each, the CPU of the JVM's JIT compiler
 * threads in the round over all of Local's CPU in it (bench/process-cpu.ts)
 * says whether Local is still compiling. Over Local's CPU rather than the
 * round's wall time: on a loaded machine the wall time stretches while the
 * compiling does not shrink, so a share of wall time would call a busy JIT
 * quiet there; on an idle machine Local keeps about one core busy and the two
 * shares are close. HotSpot compiles a method with C2 once it has run about
 * 10,000 times (invocation and back-edge counters; the `Tier4` thresholds of
 * `java -XX:+PrintFlagsFinal`), and request paths a round reaches only now
 * and then get there late, so the compilers go quiet gradually and in
 * bursts: a round with little compiling can be followed by one with a lot
 * (docs/load.md, "DynamoDB Local for the benches"). Hence the rule looks at
 * the last rounds together, not at one.
 */

/** What one warm-up round did and cost. */
export interface WarmUpRound {
  articles: number;
  /** Wall-clock milliseconds of the round. */
  wallMs: number;
  /** CPU milliseconds of all of Local's threads during the round; undefined without /proc. */
  localCpuMs: number | undefined;
  /** CPU milliseconds of Local's JIT compiler threads (C1 and C2) during the round; undefined without /proc. */
  jitCpuMs: number | undefined;
}

export interface WarmUpPolicy {
  /** Never stop before this many articles (the fixed warm-up's size before rounds). */
  minArticles: number;
  /** Stop at this many articles even if the compilers never go quiet (a machine where they never settle). */
  maxArticles: number;
  /** Quiet when the compilers used at most this share (0–1) of Local's CPU over the last `quietRounds` rounds. */
  maxJitShare: number;
  /** How many of the last rounds are judged together. */
  quietRounds: number;
}

/**
 * The policy of the store and poll benches: at least 6,000 articles (the old
 * fixed warm-up), at most 30,000 (about what the poll suite stores; 15 rounds,
 * 58–77 s on this 2-core machine under load), quiet when over the last two
 * rounds (4,000 articles) the compilers used at most 5% of Local's CPU. Why
 * 5%: after 12,000 articles the compilers still take 2–13% of a round's CPU,
 * in bursts (recompiles after failed speculation, paths that get hot late),
 * and never settle below that within 30,000, while the rounds right after the
 * old 6,000 took 19–25%; two rounds together at 5% or less came after 18,000
 * articles in both warm-ups measured to the cap (docs/load.md, "DynamoDB
 * Local for the benches", has the rounds).
 */
export const BENCH_WARM_UP_POLICY: WarmUpPolicy = { minArticles: 6_000, maxArticles: 30_000, maxJitShare: 0.05, quietRounds: 2 };

/** The compilers' CPU over Local's CPU in `rounds` together (0–1); undefined without /proc figures or CPU. */
export function jitShare(rounds: readonly WarmUpRound[]): number | undefined {
  let jit = 0;
  let local = 0;
  for (const round of rounds) {
    if (round.jitCpuMs === undefined || round.localCpuMs === undefined) return undefined;
    jit += round.jitCpuMs;
    local += round.localCpuMs;
  }
  return local > 0 ? jit / local : undefined;
}

/**
 * Whether to run another round after `rounds` (oldest first):
 *  - 'warming': fewer than minArticles yet, or the compilers are still busy;
 *  - 'quiet': at least minArticles, and the compilers' share of Local's CPU
 *    over the last quietRounds rounds at most maxJitShare;
 *  - 'cap': maxArticles reached without that;
 *  - 'fixed': no compiler figures (no /proc) and minArticles reached: the
 *    fixed warm-up, as before rounds.
 * Rounds without figures never make the warm-up quiet.
 */
export function warmUpState(rounds: readonly WarmUpRound[], policy: WarmUpPolicy): 'warming' | 'quiet' | 'cap' | 'fixed' {
  const articles = rounds.reduce((sum, round) => sum + round.articles, 0);
  if (articles < policy.minArticles) return 'warming';
  if (rounds.every((round) => round.jitCpuMs === undefined)) return 'fixed';
  const last = rounds.slice(-policy.quietRounds);
  const share = last.length === policy.quietRounds ? jitShare(last) : undefined;
  if (share !== undefined && share <= policy.maxJitShare) return 'quiet';
  return articles >= policy.maxArticles ? 'cap' : 'warming';
}
