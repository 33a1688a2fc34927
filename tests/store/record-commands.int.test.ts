import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../bin/local/local-context.ts';
import { createTestStores } from '../support/dynamodb.ts';
import { recordCommands } from '../support/record-commands.ts';

describe('recordCommands', () => {
  let context: StoreContext;
  beforeAll(async () => {
    context = await createTestStores();
  });
  afterAll(() => context.close());

  it('records commands sent through the low-level client and the document client, in order, with their table', async () => {
    const recorder = recordCommands(context.client);
    const TableName = context.tableNames.articles;
    await context.client.send(new ListTablesCommand({}));
    await context.doc.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'X' } }));
    await context.doc.send(new GetCommand({ TableName, Key: { pk: 'X', sk: 'Y' } }));
    expect(recorder.operations()).toEqual(['ListTables', 'Query', 'GetItem']);
    expect(recorder.commands[1]?.tableName).toBe(TableName);
    recorder.stop();
  });

  it('sees a Scan when one is sent, so a test looking for one would fail', async () => {
    const recorder = recordCommands(context.client);
    await context.doc.send(new ScanCommand({ TableName: context.tableNames.articles, Limit: 1 }));
    recorder.stop();
    expect(recorder.operations()).toEqual(['Scan']);
  });

  it('stops recording once stopped', async () => {
    const recorder = recordCommands(context.client);
    recorder.stop();
    await context.client.send(new ListTablesCommand({}));
    expect(recorder.commands).toEqual([]);
  });
});
