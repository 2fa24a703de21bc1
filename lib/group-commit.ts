/**
 * Group commit: items added while a write is in flight go out together in the next write, and
 * each caller's promise settles only when the write holding its item has committed (or failed).
 * One writer at a time, so under load a single SQLite commit carries many rows instead of one
 * commit per row, and nothing is acknowledged before it is stored.
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  /** `write` stores a batch in one commit; at most `maxBatch` items go into one call. */
  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once `item` is committed; rejects with the write's error if its batch failed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the other requests of this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.running = false;
  }
}
