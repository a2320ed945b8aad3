/**
 * Serialises async work per key. Deduplication makes one blob shared by many rows, so "is this
 * blob still referenced? then delete it" (retention) and "this blob exists, reference it" (upload)
 * must not interleave for the same hash, or an upload could point at a blob just deleted.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` once every earlier holder of `key` has finished; different keys run concurrently. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(() => work());
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
