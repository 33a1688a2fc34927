/**
 * The tables, defined from the shared schema module (lambdas/store/schema.ts)
 * so DynamoDB and DynamoDB Local cannot drift: on-demand (a few thousand
 * writes a day cost cents), point-in-time recovery, TTL, encryption at rest,
 * and retained when the stack is deleted because they hold user data.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tables, type TableKey } from '../lambdas/store/schema.ts';

export class Storage extends Construct {
  readonly tables: Record<TableKey, dynamodb.TableV2>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const entries = Object.values(tables).map((definition) => {
      const table = new dynamodb.TableV2(this, logicalName(definition.key), {
        partitionKey: { name: definition.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: definition.sortKey, type: dynamodb.AttributeType.STRING },
        billing: dynamodb.Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute: definition.ttlAttribute,
        encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
        deletionProtection: false,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      return [definition.key, table] as const;
    });
    this.tables = Object.fromEntries(entries) as Record<TableKey, dynamodb.TableV2>;
  }
}

/** "articles" → "ArticlesTable": stable logical ids, so a refactor never replaces a table. */
function logicalName(key: TableKey): string {
  return `${key[0]!.toUpperCase()}${key.slice(1)}Table`;
}
