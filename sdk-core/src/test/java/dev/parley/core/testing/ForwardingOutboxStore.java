package dev.parley.core.testing;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An outbox store that hands every call to another one: tests extend it and override only the calls
 * they watch or hold up.
 */
public abstract class ForwardingOutboxStore implements OutboxStore {
  protected final OutboxStore store;

  protected ForwardingOutboxStore(OutboxStore store) {
    this.store = store;
  }

  @Override
  public OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now) {
    return store.enqueue(recipient, payload, dedupKey, now);
  }

  @Override
  public OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now,
      long historyMessageId) {
    return store.enqueue(recipient, payload, dedupKey, now, historyMessageId);
  }

  @Override
  public Optional<OutboxEntry> find(long id) {
    return store.find(id);
  }

  @Override
  public Optional<OutboxEntry> findByDedupKey(String dedupKey) {
    return store.findByDedupKey(dedupKey);
  }

  @Override
  public List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
    return store.claim(now, lease, limit);
  }

  @Override
  public boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now) {
    return store.markDelivered(id, claimToken, platformMessageId, now);
  }

  @Override
  public Set<Long> markDelivered(List<Delivered> delivered, Instant now) {
    return store.markDelivered(delivered, now);
  }

  @Override
  public boolean retryLater(long id, String claimToken, Instant nextAttemptAt, String error) {
    return store.retryLater(id, claimToken, nextAttemptAt, error);
  }

  @Override
  public boolean park(long id, String claimToken, String reason, Instant now) {
    return store.park(id, claimToken, reason, now);
  }

  @Override
  public List<OutboxEntry> parked(int limit) {
    return store.parked(limit);
  }

  @Override
  public boolean unpark(long id, Instant now) {
    return store.unpark(id, now);
  }

  @Override
  public OutboxCounts counts() {
    return store.counts();
  }

  @Override
  public int purgeDelivered(Instant before) {
    return store.purgeDelivered(before);
  }
}
