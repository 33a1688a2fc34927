/**
 * Alert state in the subscribers table, next to the digests' sent records:
 *
 *   pk                        sk             what
 *   ALERTSPIKE#<Lima day>     <spike id>     a spike as first seen (TTL 60 days)
 *   ALERTSENT#<recipient>     <spike id>     claim / sent record of one alert to one recipient (TTL 60 days)
 *   ALERTTARGET               <target>       health of one target: failing since, last error, last success
 *
 * Every state change is a conditional or idempotent write; every read a Query or GetItem.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AlertStore, TargetHealth } from './alert-store.ts';
import type { Spike } from './find-spikes.ts';

const KEEP_DAYS = 60;
const HEALTH_PARTITION = 'ALERTTARGET';
const spikePartition = (day: string) => `ALERTSPIKE#${day}`;
const sentKey = (recipient: string, spikeId: string) => ({ pk: `ALERTSENT#${recipient}`, sk: spikeId });
const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400;

export function createDynamoDbAlertStore(client: DynamoDBDocumentClient, tableName: string): AlertStore {
  const ignoreConditionFailure = (error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  };

  return {
    async recordSpike(spike: Spike, now: Date) {
      const day = spike.id.slice(0, 10);
      await client
        .send(new PutCommand({
          TableName: tableName,
          Item: { pk: spikePartition(day), sk: spike.id, type: 'alert-spike', spike, recordedAt: now.toISOString(), expiresAt: expiresAt(now) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }))
        .catch(ignoreConditionFailure);
    },

    async listSpikes(days: string[]) {
      const spikes: Spike[] = [];
      for (const day of days) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await client.send(new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': spikePartition(day) },
            ExclusiveStartKey: start,
          }));
          for (const item of page.Items ?? []) spikes.push(item.spike as Spike);
          start = page.LastEvaluatedKey;
        } while (start);
      }
      return spikes;
    },

    async claim(recipient, spikeId, { now, leaseMs, claimId }) {
      try {
        await client.send(new PutCommand({
          TableName: tableName,
          Item: { ...sentKey(recipient, spikeId), type: 'alert-sent', recipient, spikeId, state: 'claimed', claimId, claimedAt: now.toISOString(), expiresAt: expiresAt(now) },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedAt < :leaseExpiredBefore)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':leaseExpiredBefore': new Date(now.getTime() - leaseMs).toISOString() },
        }));
        return claimId;
      } catch (error) {
        ignoreConditionFailure(error);
        return undefined;
      }
    },

    async markSent(recipient, spikeId, claimId, { now, messageId }) {
      await client.send(new UpdateCommand({
        TableName: tableName,
        Key: sentKey(recipient, spikeId),
        UpdateExpression: 'SET #state = :sent, sentAt = :now, messageId = :messageId',
        ConditionExpression: 'claimId = :claimId',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString(), ':messageId': messageId, ':claimId': claimId },
      }));
    },

    async release(recipient, spikeId, claimId) {
      await client
        .send(new DeleteCommand({
          TableName: tableName,
          Key: sentKey(recipient, spikeId),
          ConditionExpression: '#state = :claimed AND claimId = :claimId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':claimId': claimId },
        }))
        .catch(ignoreConditionFailure);
    },

    async recordSuccess(target, now) {
      await client.send(new UpdateCommand({
        TableName: tableName,
        Key: { pk: HEALTH_PARTITION, sk: target },
        UpdateExpression: 'SET #type = :type, lastSuccessAt = :now, consecutiveFailures = :zero REMOVE failingSince, lastError',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'alert-target', ':now': now.toISOString(), ':zero': 0 },
      }));
    },

    async recordFailure(target, error, now) {
      await client.send(new UpdateCommand({
        TableName: tableName,
        Key: { pk: HEALTH_PARTITION, sk: target },
        UpdateExpression: 'SET #type = :type, lastError = :error, failingSince = if_not_exists(failingSince, :now) ADD consecutiveFailures :one',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'alert-target', ':error': error.slice(0, 300), ':now': now.toISOString(), ':one': 1 },
      }));
    },

    async listHealth() {
      const { Items = [] } = await client.send(new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': HEALTH_PARTITION },
      }));
      return Items.map((item): TargetHealth => ({
        target: String(item.sk),
        consecutiveFailures: Number(item.consecutiveFailures ?? 0),
        ...(item.failingSince ? { failingSince: String(item.failingSince) } : {}),
        ...(item.lastError ? { lastError: String(item.lastError) } : {}),
        ...(item.lastSuccessAt ? { lastSuccessAt: String(item.lastSuccessAt) } : {}),
      }));
    },
  };
}
