package dev.parley.core.outbox;

/**
 * Keeps the outbox bounded without counting the whole table on every enqueue: the count of unfinished
 * entries is read from the store at most once a second, plus what this instance enqueued since, and
 * read again before refusing. Other nodes' enqueues are seen at the next read, so the bound is exact
 * on one node and approximate (by about a second of traffic) across several. Thread-safe.
 */
final class OutboxCapacity {
  private static final long REFRESH_NANOS = 1_000_000_000L;

  private final OutboxStore store;
  private final long capacity;
  private long counted = -1;
  private long countedAt;
  private long enqueuedSince;

  OutboxCapacity(OutboxStore store, long capacity) {
    this.store = store;
    this.capacity = capacity;
  }

  /** Takes a place for one more entry, or throws {@link OutboxFullException}. */
  synchronized void reserve(String dedupKey) {
    long now = System.nanoTime();
    if (counted < 0 || now - countedAt > REFRESH_NANOS || counted + enqueuedSince >= capacity) {
      counted = store.counts().unfinished();
      countedAt = now;
      enqueuedSince = 0;
    }
    if (counted + enqueuedSince >= capacity) {
      throw new OutboxFullException("outbox holds " + counted + " unfinished entries, its capacity is " + capacity
          + "; '" + dedupKey + "' was not enqueued");
    }
    enqueuedSince++;
  }
}
