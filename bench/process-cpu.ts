/**
 * CPU time of a process and of its threads, from Linux's /proc (proc(5)):
 * /proc/PID/stat for the process, /proc/PID/task/TID/stat for each thread.
 * Fields 14 and 15 of a stat line (utime, stime) are the user and system time
 * in clock ticks of 1/100 s (USER_HZ, 100 on Linux); field 2 is the name
 * (`comm`, at most 15 bytes) in parentheses. Every reader is undefined where
 * there is no /proc (macOS, Windows) or no such process.
 *
 * Benchmarks read them before and after a phase for DynamoDB Local's Java
 * process: CPU per article is much less distorted by a loaded machine than
 * wall time, and on a machine of C cores it caps the pace at
 * C × 1,000 / (ms per article) articles/s. The per-thread figures tell the
 * JVM's JIT compilers apart from the threads that answer requests, which
 * shows whether Local was still compiling during a measured run
 * (bench/bench-database.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

/** One thread's name and CPU time (user + system) so far, in milliseconds. */
export interface ThreadCpu {
  tid: number;
  /** The thread's `comm`, cut by the kernel to 15 bytes: "C2 CompilerThre" for "C2 CompilerThread0". */
  name: string;
  cpuMs: number;
}

/**
 * Reads a /proc stat line into its name and CPU time (utime + stime, ms).
 * The name is what lies between the first '(' and the last ')': it may hold
 * spaces and parentheses itself, so the fields after it are counted from the
 * last ')'. Undefined for a line that is not a stat line.
 */
export function parseStat(line: string): { name: string; cpuMs: number } | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After ") ": field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  const fields = line.slice(close + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? { name: line.slice(open + 1, close), cpuMs: ticks * TICK_MS } : undefined;
}

/** CPU time a process has used so far, all its threads, user plus system, in milliseconds. */
export function cpuMs(pid: number): number | undefined {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.cpuMs;
  } catch {
    return undefined;
  }
}

/**
 * A stopwatch of a process's CPU (all threads, user plus system): call it
 * before a phase, call what it returns after, get the milliseconds in
 * between. Undefined where there is no /proc or no such process.
 */
export function cpuMeter(pid: number): (() => number) | undefined {
  const before = cpuMs(pid);
  if (before === undefined) return undefined;
  return () => (cpuMs(pid) ?? before) - before;
}

/** The same stopwatch for this process (process.cpuUsage: user plus system, all threads, GC included), in milliseconds; everywhere. */
export function ownCpuMeter(): () => number {
  const before = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
}

/**
 * Each live thread of a process with its name and CPU time so far, in
 * thread-id order. A thread that ends between listing and reading is left
 * out (its CPU is then no one's in the list).
 */
export function threadCpu(pid: number): ThreadCpu[] | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const threads: ThreadCpu[] = [];
  for (const tid of tids) {
    try {
      const stat = parseStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      if (stat) threads.push({ tid: Number(tid), ...stat });
    } catch {
      // The thread ended after readdir.
    }
  }
  return threads.sort((a, b) => a.tid - b.tid);
}

/** True for a HotSpot JIT compiler thread: "C1 CompilerThread0", "C2 CompilerThread1"… as /proc cuts them. */
export function isJitCompilerThread(name: string): boolean {
  return name.startsWith('C1 CompilerThre') || name.startsWith('C2 CompilerThre');
}

/**
 * The JVM's JIT compiler threads (C1 and C2) of a Java process, with their CPU
 * so far; undefined where there is no /proc. Empty for a process that is not a
 * HotSpot JVM. Take one before a phase and one after, and give both to
 * cpuGrowthMs.
 */
export function jitCompilerThreads(pid: number): ThreadCpu[] | undefined {
  return threadCpu(pid)?.filter((thread) => isJitCompilerThread(thread.name));
}

/**
 * CPU milliseconds that the threads of `after` used since `before`, thread by
 * thread (a thread started since counts from 0). HotSpot starts and stops
 * compiler threads as its queue grows and shrinks; a thread that ended in
 * between is missing from `after` and its last share is not counted, so the
 * figure can be low, never negative.
 */
export function cpuGrowthMs(before: ThreadCpu[], after: ThreadCpu[]): number {
  const was = new Map(before.map((thread) => [thread.tid, thread.cpuMs]));
  return after.reduce((sum, thread) => sum + Math.max(0, thread.cpuMs - (was.get(thread.tid) ?? 0)), 0);
}

/**
 * A stopwatch of a JVM's JIT compiler CPU: call it before a phase, call what
 * it returns after, get the compiler threads' CPU milliseconds in between.
 * Undefined where there is no /proc.
 */
export function jitCpuMeter(pid: number): (() => number) | undefined {
  const before = jitCompilerThreads(pid);
  if (!before) return undefined;
  return () => cpuGrowthMs(before, jitCompilerThreads(pid) ?? []);
}
