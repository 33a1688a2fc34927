import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuMs } from '../../bench/process-cpu.ts';

const hasProc = existsSync('/proc/self/stat');

describe('cpuMs', () => {
  it.runIf(hasProc)('reads a process’s CPU time from /proc, growing as it works', () => {
    const before = cpuMs(process.pid)!;
    const until = process.cpuUsage().user + 60_000; // 60 ms of user CPU
    let spin = 0;
    while (process.cpuUsage().user < until) spin++;
    const after = cpuMs(process.pid)!;
    expect(spin).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(40);
    expect(after - before).toBeLessThan(5_000);
  });

  it('is undefined for a process that does not exist (or where there is no /proc)', () => {
    expect(cpuMs(2 ** 30)).toBeUndefined();
  });
});
