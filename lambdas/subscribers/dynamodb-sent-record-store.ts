import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScheduleRef, SentRecord, SentRecordStore } from './subscriber-store.ts';
import { dueKey, sentKey } from './subscriber-items.ts';

/** Sent records are kept this long (TTL), well past any period a rerun could target. */
const SENT_RECORD_DAYS = 60;

/**
 * Claims and sent records in DynamoDB. Every state change is a conditional
 * write, so two runs can't both send the same digest.
 */
export function createDynamoDbSentRecordStore(client: DynamoDBDocumentClient, tableName: string): SentRecordStore {
  async function claim(email: string, period: string, options: { now: Date; leaseMs: number; claimId: string }) {
    const { now, leaseMs, claimId } = options;
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...sentKey(email, period),
            type: 'sent',
            email,
            period,
            state: 'claimed',
            claimId,
            claimedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + SENT_RECORD_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :leaseExpiredBefore)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':leaseExpiredBefore': new Date(now.getTime() - leaseMs).toISOString() },
        }),
      );
      return claimId;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async function markSent(subscriber: ScheduleRef, period: string, claimId: string, details: { now: Date; messageId: string }) {
    const { email } = subscriber;
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sentKey(email, period),
        UpdateExpression: 'SET #state = :sent, sentAt = :now, messageId = :messageId',
        ConditionExpression: 'claimId = :claimId',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':now': details.now.toISOString(), ':messageId': details.messageId, ':claimId': claimId },
      }),
    );
    await noteSentOnSchedule(subscriber, period);
  }

  async function release(email: string, period: string, claimId: string) {
    try {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: sentKey(email, period),
          ConditionExpression: '#state = :claimed AND claimId = :claimId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':claimId': claimId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // someone else's claim now: leave it
    }
  }

  async function get(email: string, period: string): Promise<SentRecord | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: sentKey(email, period), ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...record } = Item;
    return record as SentRecord;
  }

  /** Records the period on the schedule entry so the next due Query filters it out (the sent record stays the authority). */
  async function noteSentOnSchedule(subscriber: ScheduleRef, period: string) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: dueKey(subscriber),
          UpdateExpression: 'SET lastSentPeriod = :period',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':period': period },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // unsubscribed meanwhile: nothing to note
    }
  }

  return { claim, markSent, release, get };
}
