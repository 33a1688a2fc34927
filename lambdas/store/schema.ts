/**
 * The one definition of Centinela's tables. The CDK stack (lib/storage.ts) and
 * the local bootstrap (lambdas/store/create-tables.ts) both read this module,
 * so a table can't drift between DynamoDB and DynamoDB Local.
 *
 * Three tables, so IAM can grant each function only the data it needs:
 * - articles:    articles and their theme / region / day index items
 * - feeds:       per-feed state (validators, health, backoff)
 * - subscribers: subscriber profiles and the digests already sent
 */

export type TableKey = 'articles' | 'feeds' | 'subscribers';

export interface TableDefinition {
  key: TableKey;
  partitionKey: string;
  sortKey: string;
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item after it. */
  ttlAttribute?: string;
}

export const tables: Record<TableKey, TableDefinition> = {
  articles: { key: 'articles', partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'expiresAt' },
  feeds: { key: 'feeds', partitionKey: 'pk', sortKey: 'sk' },
  subscribers: { key: 'subscribers', partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'expiresAt' },
};

/** Physical table names, resolved once at the edge (env in Lambda, prefix locally). */
export type TableNames = Record<TableKey, string>;

export function tableNamesWithPrefix(prefix: string): TableNames {
  return {
    articles: `${prefix}-articles`,
    feeds: `${prefix}-feeds`,
    subscribers: `${prefix}-subscribers`,
  };
}
