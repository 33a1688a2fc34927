import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDemoPipeline } from '../../bin/local/demo-pipeline.ts';
import { startDynamoDbLocal } from '../../bin/local/dynamodb-local.ts';
import { connectStores, localClient } from '../../bin/local/local-context.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';
import { elapsedMs, type BenchSuite } from '../suite.ts';

/** DynamoDB Local start-up, and the demo's whole flow (serve → poll → tag → store → digest) on fresh tables. */
export default {
  name: 'local',
  async run() {
    const started = performance.now();
    const db = await startDynamoDbLocal();
    const readyMs = elapsedMs(started);
    const outbox = await mkdtemp(path.join(tmpdir(), 'centinela-bench-'));
    try {
      const stores = await connectStores(localClient(db.endpoint), tableNamesWithPrefix('bench'));
      await createTables(stores.client, stores.tableNames);
      const first = performance.now();
      const result = await runDemoPipeline(stores, { outboxDir: outbox, lang: 'es' });
      const firstMs = elapsedMs(first);
      const second = performance.now();
      await runDemoPipeline(stores, { outboxDir: outbox, lang: 'es' });
      const rerunMs = elapsedMs(second);
      stores.client.destroy();
      return {
        'local.ddb_ready_ms': readyMs,
        'demo.pipeline_ms': firstMs,
        'demo.rerun_ms': rerunMs,
        'demo.items': result.reports.reduce((n, r) => n + r.itemsSeen, 0),
      };
    } finally {
      await db.stop();
      await rm(outbox, { recursive: true, force: true });
    }
  },
} satisfies BenchSuite;
