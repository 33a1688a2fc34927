import type { Period } from './period.ts';

/** The CLI command that previews every story of one theme, printed after "N more" in a capped digest. */
export function describeMoreCommand(input: { email: string; period: Period; theme: string }): string {
  return `centinela digest --subscriber ${input.email} --period ${input.period.cadence} --since ${input.period.days[0]} --theme ${input.theme} --all`;
}
