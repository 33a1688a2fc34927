/**
 * Ends every test run with the tests that did not run because something they
 * need is missing (see describeWith in optional-inputs.ts), each with the one
 * command that makes it run, after vitest's own summary, so nobody misses them.
 */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { NOT_RUN } from './optional-inputs.ts';

export default class NotRunReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const notRun: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state === 'skipped' && test.name.startsWith(NOT_RUN)) {
          notRun.push(`  - ${path.relative(process.cwd(), module.moduleId)}: ${test.name.slice(NOT_RUN.length + 2)}`);
        }
      }
    }
    if (notRun.length === 0) return;
    process.stdout.write(`\n${NOT_RUN} (${notRun.length}): these tests were skipped because what they need is missing:\n${notRun.join('\n')}\n\n`);
  }
}
