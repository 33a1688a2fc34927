/** What the store stage can say went wrong; SDK errors it does not expect are rethrown as they are. */

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`store: ${message}`, options);
  }
}

/** A page cursor that this store did not hand out (or for another listing). */
export class InvalidCursorError extends StoreError {
  override name = 'InvalidCursorError';
}
