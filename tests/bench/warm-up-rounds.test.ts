import { describe, expect, it } from 'vitest';
import { BENCH_WARM_UP_POLICY, jitShare, warmUpState, type WarmUpPolicy, type WarmUpRound } from '../../bench/warm-up-rounds.ts';

const policy: WarmUpPolicy = { minArticles: 6_000, maxArticles: 12_000, maxJitShare: 0.05, quietRounds: 2 };
/** A round of 2,000 articles in which Local used 3 s of CPU, `jitCpuMs` of it compiling. */
const round = (jitCpuMs: number | undefined, localCpuMs: number | undefined = 3_000): WarmUpRound => ({
  articles: 2_000,
  wallMs: 4_000,
  localCpuMs,
  jitCpuMs,
});
const BUSY = round(750); // 25%
const QUIET = round(60); // 2%
const EDGE = round(150); // exactly 5%
const BLIND = round(undefined, undefined); // no /proc

describe('jitShare', () => {
  it('is the compilers’ CPU over Local’s CPU in the rounds taken together', () => {
    expect(jitShare([BUSY])).toBe(0.25);
    expect(jitShare([BUSY, QUIET])).toBe(810 / 6_000);
    expect(jitShare([round(300, 2_000), round(0, 4_000)])).toBe(0.05);
  });

  it('is undefined without figures for every round, or without CPU at all', () => {
    expect(jitShare([])).toBeUndefined();
    expect(jitShare([BUSY, BLIND])).toBeUndefined();
    expect(jitShare([round(0, 0)])).toBeUndefined();
  });
});

describe('warmUpState', () => {
  it('keeps warming before the minimum, however quiet the compilers', () => {
    expect(warmUpState([], policy)).toBe('warming');
    expect(warmUpState([QUIET, QUIET], policy)).toBe('warming');
  });

  it('stops once the minimum is reached and the compilers were quiet over the last two rounds', () => {
    expect(warmUpState([BUSY, QUIET, QUIET], policy)).toBe('quiet');
    expect(warmUpState([BUSY, BUSY, EDGE, EDGE], policy)).toBe('quiet');
  });

  it('judges the last two rounds together: a quiet round makes up for a slightly busy one', () => {
    expect(warmUpState([BUSY, round(240), round(30)], policy)).toBe('quiet'); // 8% and 1%: 4.5%
    expect(warmUpState([BUSY, round(240), round(90)], policy)).toBe('warming'); // 8% and 3%: 5.5%
  });

  it('keeps warming after the minimum while the compilers are busy', () => {
    expect(warmUpState([BUSY, BUSY, BUSY], policy)).toBe('warming');
    expect(warmUpState([BUSY, BUSY, QUIET], policy)).toBe('warming');
  });

  it('keeps warming when a burst of compiling follows a quiet round', () => {
    expect(warmUpState([BUSY, BUSY, QUIET, BUSY], policy)).toBe('warming');
    expect(warmUpState([BUSY, BUSY, EDGE, round(151)], policy)).toBe('warming');
  });

  it('stops at the cap when the compilers never settle', () => {
    expect(warmUpState([BUSY, BUSY, BUSY, BUSY, BUSY], policy)).toBe('warming');
    expect(warmUpState([BUSY, BUSY, BUSY, BUSY, BUSY, BUSY], policy)).toBe('cap');
    expect(warmUpState([BUSY, BUSY, BUSY, BUSY, BUSY, QUIET], policy)).toBe('cap');
  });

  it('calls a run that reaches the cap quiet when its last rounds were', () => {
    expect(warmUpState([BUSY, BUSY, BUSY, BUSY, QUIET, QUIET], policy)).toBe('quiet');
  });

  it('without compiler figures (no /proc) runs the minimum and stops: the fixed warm-up', () => {
    expect(warmUpState([BLIND, BLIND], policy)).toBe('warming');
    expect(warmUpState([BLIND, BLIND, BLIND], policy)).toBe('fixed');
  });

  it('never calls rounds without figures quiet', () => {
    expect(warmUpState([BUSY, QUIET, BLIND], policy)).toBe('warming');
  });

  it('with one round judged, stops on the first quiet one', () => {
    expect(warmUpState([BUSY, BUSY, QUIET], { ...policy, quietRounds: 1 })).toBe('quiet');
  });
});

describe('BENCH_WARM_UP_POLICY', () => {
  it('warms up at least as much as the fixed 6,000-article warm-up it replaced, and stops at a cap above that', () => {
    expect(BENCH_WARM_UP_POLICY.minArticles).toBeGreaterThanOrEqual(6_000);
    expect(BENCH_WARM_UP_POLICY.maxArticles).toBeGreaterThan(BENCH_WARM_UP_POLICY.minArticles);
    expect(Number.isFinite(BENCH_WARM_UP_POLICY.maxArticles)).toBe(true);
  });
});
