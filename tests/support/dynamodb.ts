import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectStores, localClient, type StoreContext } from '../../bin/local/local-context.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tableNamesWithPrefix } from '../../lambdas/store/schema.ts';

/** The run's shared DynamoDB Local (started once in global-setup). */
export function dynamoDbEndpoint(): string {
  return inject('dynamoDbEndpoint');
}

/**
 * Fresh tables with a unique prefix, created from the schema module, so no
 * test sees another's data. Call in beforeAll / beforeEach.
 */
export async function createTestStores(retentionDays?: number): Promise<StoreContext> {
  const names = tableNamesWithPrefix(`t${randomUUID().slice(0, 8)}`);
  const context = await connectStores(localClient(dynamoDbEndpoint()), names, retentionDays);
  await createTables(context.client, names);
  return context;
}
