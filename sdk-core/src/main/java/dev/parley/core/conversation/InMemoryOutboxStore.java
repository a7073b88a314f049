package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.outbox.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** The outbox of {@link InMemoryConversationStore}. Thread-safe: every method holds the object's monitor. */
final class InMemoryOutboxStore implements OutboxStore {
  /** Marks a history message sent: {@link InMemoryConversationStore#markSent}. */
  @FunctionalInterface
  interface SentMarker {
    boolean markSent(long messageId, String platformMessageId, Instant at);
  }

  private final SentMarker history;
  private final Map<Long, Long> historyMessageIds = new HashMap<>();
  private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
  private final TreeMap<Long, OutboxEntry> unfinished = new TreeMap<>();
  private final Map<String, Long> byDedupKey = new HashMap<>();
  private long nextId = 1;

  InMemoryOutboxStore(SentMarker history) {
    this.history = history;
  }

  @Override
  public synchronized OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now,
      long historyMessageId) {
    boolean known = byDedupKey.containsKey(dedupKey);
    OutboxEntry entry = enqueue(recipient, payload, dedupKey, now);
    if (!known) {
      historyMessageIds.put(entry.id(), historyMessageId);
    }
    return entry;
  }

  @Override
  public synchronized OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now) {
    OutboxValues.check(payload, dedupKey);
    Long existing = byDedupKey.get(dedupKey);
    if (existing != null) {
      return entries.get(existing);
    }
    Instant at = Timestamps.micros(now);
    OutboxEntry entry = new OutboxEntry(nextId++, recipient, payload, dedupKey, State.PENDING, 0, at, at, null, null);
    put(entry);
    byDedupKey.put(dedupKey, entry.id());
    return entry;
  }

  @Override
  public synchronized Optional<OutboxEntry> find(long id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public synchronized Optional<OutboxEntry> findByDedupKey(String dedupKey) {
    Long id = byDedupKey.get(dedupKey);
    return id == null ? Optional.empty() : Optional.of(entries.get(id));
  }

  @Override
  public List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
    return claimBatch(now, lease, limit).entries();
  }

  /** Claims the heads of the queues in id order; an entry whose recipient has an earlier unfinished one waits. */
  @Override
  public synchronized Claimed claimBatch(Instant now, Duration lease, int limit) {
    OutboxValues.checkClaim(lease, limit);
    Map<Recipient, State> heads = new HashMap<>();
    List<OutboxEntry> claimed = new ArrayList<>();
    boolean heldBack = false;
    Instant leaseEnd = Timestamps.micros(now.plus(lease));
    for (OutboxEntry entry : new ArrayList<>(unfinished.values())) {
      if (claimed.size() >= limit) {
        break; // a full claim says nothing about what it left
      }
      boolean ready = !entry.availableAt().isAfter(now);
      State head = heads.putIfAbsent(entry.recipient(), entry.state());
      if (head != null) {
        // behind an unfinished entry: held back if ready and that entry is in flight (claimed now or before)
        heldBack |= head == State.IN_FLIGHT && ready && entry.state() == State.PENDING;
        continue;
      }
      if (!ready) {
        continue;
      }
      OutboxEntry taken = new OutboxEntry(entry.id(), entry.recipient(), entry.payload(), entry.dedupKey(),
          State.IN_FLIGHT, entry.attempts() + 1, entry.createdAt(), leaseEnd, UUID.randomUUID().toString(),
          entry.lastError());
      put(taken);
      heads.put(entry.recipient(), State.IN_FLIGHT);
      claimed.add(taken);
    }
    return new Claimed(claimed, heldBack);
  }

  @Override
  public boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now) {
    if (platformMessageId != null) {
      StoreArguments.checkPlatformId(platformMessageId);
    }
    Long historyMessageId;
    synchronized (this) {
      if (!finish(id, claimToken, State.DELIVERED, Timestamps.micros(now), null, false)) {
        return false;
      }
      historyMessageId = historyMessageIds.remove(id);
    }
    // Outside this monitor: the conversation store takes its own lock, and calls into this one while holding it.
    if (historyMessageId != null && platformMessageId != null) {
      history.markSent(historyMessageId, platformMessageId, now);
    }
    return true;
  }

  @Override
  public synchronized boolean retryLater(long id, String claimToken, Instant nextAttemptAt, String error) {
    return finish(id, claimToken, State.PENDING, Timestamps.micros(nextAttemptAt), error, true);
  }

  @Override
  public synchronized boolean park(long id, String claimToken, String reason, Instant now) {
    return finish(id, claimToken, State.PARKED, Timestamps.micros(now), reason, true);
  }

  private boolean finish(long id, String claimToken, State state, Instant availableAt, String error,
      boolean replaceError) {
    OutboxEntry entry = entries.get(id);
    if (entry == null || entry.state() != State.IN_FLIGHT || !entry.claimToken().equals(claimToken)) {
      return false;
    }
    put(new OutboxEntry(id, entry.recipient(), entry.payload(), entry.dedupKey(), state, entry.attempts(),
        entry.createdAt(), availableAt, null, replaceError ? OutboxValues.cut(error) : entry.lastError()));
    return true;
  }

  @Override
  public synchronized List<OutboxEntry> parked(int limit) {
    return entries.values().stream().filter(e -> e.state() == State.PARKED).limit(limit).toList();
  }

  @Override
  public synchronized boolean unpark(long id, Instant now) {
    OutboxEntry entry = entries.get(id);
    if (entry == null || entry.state() != State.PARKED) {
      return false;
    }
    put(new OutboxEntry(id, entry.recipient(), entry.payload(), entry.dedupKey(), State.PENDING, 0,
        entry.createdAt(), Timestamps.micros(now), null, entry.lastError()));
    return true;
  }

  @Override
  public synchronized OutboxCounts counts() {
    long[] counts = new long[State.values().length];
    entries.values().forEach(e -> counts[e.state().ordinal()]++);
    return new OutboxCounts(counts[State.PENDING.ordinal()], counts[State.IN_FLIGHT.ordinal()],
        counts[State.PARKED.ordinal()], counts[State.DELIVERED.ordinal()]);
  }

  @Override
  public synchronized int purgeDelivered(Instant before) {
    List<OutboxEntry> old = entries.values().stream()
        .filter(e -> e.state() == State.DELIVERED && e.createdAt().isBefore(before))
        .toList();
    old.forEach(this::remove);
    return old.size();
  }

  /** Right to erasure: forgets every entry to these recipients. */
  synchronized void erase(Set<Recipient> recipients) {
    entries.values().stream().filter(e -> recipients.contains(e.recipient())).toList().forEach(this::remove);
  }

  private void put(OutboxEntry entry) {
    entries.put(entry.id(), entry);
    if (entry.state() == State.PENDING || entry.state() == State.IN_FLIGHT) {
      unfinished.put(entry.id(), entry);
    } else {
      unfinished.remove(entry.id());
    }
  }

  private void remove(OutboxEntry entry) {
    entries.remove(entry.id());
    unfinished.remove(entry.id());
    byDedupKey.remove(entry.dedupKey());
    historyMessageIds.remove(entry.id());
  }
}
