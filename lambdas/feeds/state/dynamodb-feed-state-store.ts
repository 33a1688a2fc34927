import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedState, FeedStateStore } from './feed-state.ts';

/** All feed states share one partition, so listing them is a Query, never a Scan. */
const FEEDS_PARTITION = 'FEED';

export function createDynamoDbFeedStateStore(client: DynamoDBDocumentClient, tableName: string): FeedStateStore {
  return {
    async get(feedId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: FEEDS_PARTITION, sk: feedId } }));
      return Item ? stripKeys(Item) : undefined;
    },
    async put(state) {
      await client.send(new PutCommand({ TableName: tableName, Item: { pk: FEEDS_PARTITION, sk: state.feedId, ...state } }));
    },
    async list() {
      const states: FeedState[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': FEEDS_PARTITION },
            ExclusiveStartKey,
          }),
        );
        states.push(...(page.Items ?? []).map(stripKeys));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return states;
    },
  };
}

function stripKeys(item: Record<string, unknown>): FeedState {
  const { pk: _pk, sk: _sk, ...state } = item;
  return state as unknown as FeedState;
}
