import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createTables } from '../../lambdas/store/create-tables.ts';
import { tables } from '../../lambdas/store/schema.ts';
import { createTestStores } from '../support/dynamodb.ts';

describe('createTables', () => {
  let context: StoreContext;
  beforeAll(async () => {
    context = await createTestStores();
  });
  afterAll(() => context.close());

  it.each(Object.values(tables))('creates the $key table with the keys the schema module defines', async (definition) => {
    const { Table } = await context.client.send(new DescribeTableCommand({ TableName: context.tableNames[definition.key] }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      { AttributeName: definition.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('turns on TTL where the schema names a TTL attribute', async () => {
    const ttl = await context.client.send(new DescribeTimeToLiveCommand({ TableName: context.tableNames.articles }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    const feeds = await context.client.send(new DescribeTimeToLiveCommand({ TableName: context.tableNames.feeds }));
    expect(feeds.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('leaves existing tables alone when run again', async () => {
    await expect(createTables(context.client, context.tableNames)).resolves.toBeUndefined();
  });
});
