import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Subscriber, SubscriberStatus } from './subscriber.ts';
import type { DueQuery, SubscriberStore } from './subscriber-store.ts';
import { PROFILE_PARTITION, dueKey, duePartition, hourPrefix, profileKey, toSubscriber } from './subscriber-items.ts';

/**
 * Subscribers in DynamoDB. The profile and its schedule entry change in one
 * transaction, so a subscriber is never due twice or due after unsubscribing.
 */
export function createDynamoDbSubscriberStore(client: DynamoDBDocumentClient, tableName: string): SubscriberStore {
  async function get(email: string): Promise<Subscriber | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: profileKey(email), ConsistentRead: true }));
    return Item ? toSubscriber(Item) : undefined;
  }

  async function put(subscriber: Subscriber): Promise<void> {
    const previous = await get(subscriber.email);
    const oldDue = previous ? dueKey(previous) : undefined;
    const newDue = subscriber.status === 'active' ? dueKey(subscriber) : undefined;
    const sameDue = oldDue && newDue && oldDue.pk === newDue.pk && oldDue.sk === newDue.sk;
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { ...profileKey(subscriber.email), type: 'subscriber', ...subscriber } } },
          ...(oldDue && !sameDue ? [{ Delete: { TableName: tableName, Key: oldDue } }] : []),
          ...(newDue ? [{ Put: { TableName: tableName, Item: { ...newDue, type: 'due', ...subscriber } } }] : []),
        ],
      }),
    );
  }

  async function list(): Promise<Subscriber[]> {
    return queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PROFILE_PARTITION },
    });
  }

  async function listDue(query: DueQuery): Promise<Subscriber[]> {
    return queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk <= :lastDueKey',
      FilterExpression: 'attribute_not_exists(lastSentPeriod) OR lastSentPeriod <> :period',
      ExpressionAttributeValues: {
        ':pk': duePartition(query.cadence, query.weekday),
        ':lastDueKey': `${hourPrefix(query.upToHour)}#\uffff`,
        ':period': query.period,
      },
      ConsistentRead: true,
    });
  }

  async function setStatus(email: string, status: SubscriberStatus, reason: string, now: Date): Promise<boolean> {
    const subscriber = await get(email);
    if (!subscriber) return false;
    await put({ ...subscriber, status, statusReason: reason, updatedAt: now.toISOString() });
    return true;
  }

  async function remove(email: string): Promise<boolean> {
    const subscriber = await get(email);
    if (!subscriber) return false;
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName, Key: profileKey(email) } },
          { Delete: { TableName: tableName, Key: dueKey(subscriber) } },
        ],
      }),
    );
    return true;
  }

  async function queryAll(input: QueryCommandInput): Promise<Subscriber[]> {
    const found: Subscriber[] = [];
    let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
      found.push(...(page.Items ?? []).map(toSubscriber));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return found;
  }

  return { put, get, list, listDue, setStatus, remove };
}
