/** Shared CLI output helpers: one way to print failures and tables. */

export function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`centinela: ${message}\n`);
  if (process.env.CENTINELA_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}

/** A plain text table: columns padded to the widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
