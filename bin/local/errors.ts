/** The local database's errors: DynamoDB Local could not start, or its data folder is unusable or in use. */
export class LocalDatabaseError extends Error {
  override name = 'LocalDatabaseError';
}
