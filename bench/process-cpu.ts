/**
 * CPU time a process has used so far, user plus system, in milliseconds,
 * from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s: USER_HZ
 * is 100 on Linux; proc(5)). Undefined where there is no /proc (macOS,
 * Windows). Benchmarks read it before and after a phase for DynamoDB Local's
 * Java process: CPU per article is much less distorted by a loaded machine
 * than wall time, and on a machine of C cores it caps the pace at
 * C × 1,000 / (ms per article) articles/s.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10;

export function cpuMs(pid: number): number | undefined {
  try {
    const afterName = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1];
    const fields = afterName?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * TICK_MS : undefined;
  } catch {
    return undefined;
  }
}
