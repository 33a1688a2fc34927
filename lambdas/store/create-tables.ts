import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tables, type TableDefinition, type TableNames } from './schema.ts';

/** Creates any missing table from the schema module (local mode only; CDK owns deployed tables). */
export async function createTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const definition of Object.values(tables)) {
    const name = names[definition.key];
    if (await tableExists(client, name)) continue;
    await client.send(new CreateTableCommand(createTableInput(definition, name)));
    if (definition.ttlAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
        }),
      );
    }
  }
}

export function createTableInput(definition: TableDefinition, name: string) {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: definition.partitionKey, AttributeType: 'S' as const },
      { AttributeName: definition.sortKey, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: definition.sortKey, KeyType: 'RANGE' as const },
    ],
  };
}

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
