/**
 * Grants a function named DynamoDB actions on one table and nothing else: no
 * wildcard actions, no Scan unless asked for, no index ARNs (the tables have
 * no GSIs; index items live in the base table).
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { CentinelaFunction } from './centinela-function.ts';

export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:BatchWriteItem'
  | 'dynamodb:ConditionCheckItem'
  // A PartiQL INSERT, alone or in a BatchExecuteStatement (IAM checks each statement's PartiQL action).
  | 'dynamodb:PartiQLInsert';

export function allowTable(fn: CentinelaFunction, table: dynamodb.ITableV2, actions: TableAction[]): void {
  fn.role.addToPolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
}
