/**
 * zod for code that runs in a Lambda: `zod/mini`, whose functional checks
 * (`z.string().check(z.minLength(3, '…'))`, `z.optional(…)`) let esbuild keep
 * only what a bundle uses (~25 KB instead of classic zod's ~95 KB, issue 15),
 * with zod's English messages, which mini leaves out and classic zod loads on
 * import: an error reads the same in Lambda as in the CLI. Import it as
 * `import * as z from '../model/zod-mini.ts'`, not from 'zod/mini', so the
 * messages are configured before anything parses. (A re-export, not a
 * namespace object: esbuild then keeps only the members used.)
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
