import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuGrowthMs, cpuMeter, cpuMs, isJitCompilerThread, jitCompilerThreads, jitCpuMeter, ownCpuMeter, parseStat, threadCpu } from '../../bench/process-cpu.ts';

const hasProc = existsSync('/proc/self/stat');
const NO_SUCH_PID = 2 ** 30;

/** Spins until this process has used `ms` more of user CPU. */
function spin(ms: number): void {
  const until = process.cpuUsage().user + ms * 1000;
  while (process.cpuUsage().user < until);
}

describe('cpuMs', () => {
  it.runIf(hasProc)('reads a process’s CPU time from /proc, growing as it works', () => {
    const before = cpuMs(process.pid)!;
    spin(60);
    const after = cpuMs(process.pid)!;
    expect(before).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(40);
    expect(after - before).toBeLessThan(5_000);
  });

  it('is undefined for a process that does not exist (or where there is no /proc)', () => {
    expect(cpuMs(NO_SUCH_PID)).toBeUndefined();
  });
});

describe('cpuMeter and ownCpuMeter: stopwatches of CPU time', () => {
  it.runIf(hasProc)('cpuMeter gives a process’s CPU since it was started, from /proc', () => {
    const meter = cpuMeter(process.pid)!;
    spin(60);
    expect(meter()).toBeGreaterThanOrEqual(40);
    expect(meter()).toBeLessThan(5_000);
  });

  it('cpuMeter is undefined for a process that does not exist (or where there is no /proc)', () => {
    expect(cpuMeter(NO_SUCH_PID)).toBeUndefined();
  });

  it('ownCpuMeter gives this process’s CPU since it was started, in milliseconds, anywhere', () => {
    const meter = ownCpuMeter();
    spin(60);
    expect(meter()).toBeGreaterThanOrEqual(60);
    expect(meter()).toBeLessThan(5_000);
  });
});

describe('parseStat', () => {
  // Field 14 (utime) 123 and 15 (stime) 45 ticks: 1,680 ms.
  const tail = 'S 1 1 1 0 -1 4194304 135 0 0 0 123 45 0 0 20 0 1 0 4027927 3133440 398';

  it('reads the name and the user plus system time in milliseconds (ticks of 10 ms)', () => {
    expect(parseStat(`4242 (node) ${tail}`)).toEqual({ name: 'node', cpuMs: 1_680 });
  });

  it('reads a name with spaces and parentheses in it up to the last parenthesis', () => {
    expect(parseStat(`17 (C2 CompilerThre) ${tail}`)).toEqual({ name: 'C2 CompilerThre', cpuMs: 1_680 });
    expect(parseStat(`17 (a) b (c) ${tail}`)).toEqual({ name: 'a) b (c', cpuMs: 1_680 });
  });

  it('is undefined for text that is not a stat line', () => {
    expect(parseStat('')).toBeUndefined();
    expect(parseStat('17 (cut short) S 1')).toBeUndefined();
  });
});

describe.runIf(hasProc)('threadCpu on this process', () => {
  it('lists the main thread (its id is the process id) under the process’s own name, with CPU time', () => {
    const threads = threadCpu(process.pid)!;
    const main = threads.find((thread) => thread.tid === process.pid);
    const comm = readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
    expect(main?.name).toBe(comm);
    expect(main!.cpuMs).toBeGreaterThan(0);
    expect(threads.every((thread) => thread.cpuMs >= 0 && thread.name.length > 0)).toBe(true);
    expect(threads.map((thread) => thread.tid)).toEqual([...threads.map((thread) => thread.tid)].sort((a, b) => a - b));
  });

  it('sees its threads’ CPU grow by what this test spins, and no thread’s shrink', () => {
    const before = threadCpu(process.pid)!;
    spin(60);
    const after = threadCpu(process.pid)!;
    const grown = cpuGrowthMs(before, after);
    expect(grown).toBeGreaterThanOrEqual(40);
    expect(grown).toBeLessThan(5_000);
    const was = new Map(before.map((thread) => [thread.tid, thread.cpuMs]));
    expect(after.every((thread) => thread.cpuMs >= (was.get(thread.tid) ?? 0))).toBe(true);
  });

  it('finds no JIT compiler threads in a Node process, and none at all where there is no process', () => {
    expect(jitCompilerThreads(process.pid)).toEqual([]);
    expect(jitCpuMeter(process.pid)?.()).toBe(0);
    expect(threadCpu(NO_SUCH_PID)).toBeUndefined();
    expect(jitCompilerThreads(NO_SUCH_PID)).toBeUndefined();
    expect(jitCpuMeter(NO_SUCH_PID)).toBeUndefined();
  });
});

describe('isJitCompilerThread', () => {
  it('knows HotSpot’s C1 and C2 compiler threads by the names /proc cuts to 15 bytes', () => {
    expect(isJitCompilerThread('C1 CompilerThre')).toBe(true);
    expect(isJitCompilerThread('C2 CompilerThre')).toBe(true);
  });

  it('leaves out the JVM’s other threads', () => {
    for (const name of ['java', 'VM Thread', 'GC Thread#0', 'Sweeper thread', 'SQLiteQueue', 'C2 Compiler', 'Compiler']) {
      expect(isJitCompilerThread(name)).toBe(false);
    }
  });
});

describe('cpuGrowthMs', () => {
  it('sums each thread’s growth, counting a thread started since from zero', () => {
    const before = [{ tid: 1, name: 'C2 CompilerThre', cpuMs: 500 }];
    const after = [
      { tid: 1, name: 'C2 CompilerThre', cpuMs: 700 },
      { tid: 2, name: 'C2 CompilerThre', cpuMs: 30 },
    ];
    expect(cpuGrowthMs(before, after)).toBe(230);
  });

  it('drops a thread that ended instead of going negative', () => {
    const before = [
      { tid: 1, name: 'C1 CompilerThre', cpuMs: 100 },
      { tid: 2, name: 'C2 CompilerThre', cpuMs: 900 },
    ];
    expect(cpuGrowthMs(before, [{ tid: 1, name: 'C1 CompilerThre', cpuMs: 140 }])).toBe(40);
  });
});
