package dev.parley.bot.handoff;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link HandoffStore} in memory, for tests and bots that may forget on restart. Thread-safe. */
public final class InMemoryHandoffStore implements HandoffStore {
  private final Map<Recipient, Handoff> records = new HashMap<>();

  @Override
  public synchronized Optional<Handoff> find(Recipient conversation) {
    return Optional.ofNullable(records.get(conversation));
  }

  @Override
  public synchronized Optional<Handoff> save(Handoff handoff) {
    Handoff current = records.get(handoff.conversation());
    long stored = current == null ? 0 : current.version();
    if (stored != handoff.version()) {
      return Optional.empty();
    }
    Handoff next = new Handoff(handoff.conversation(), handoff.customerId(), handoff.status(), handoff.reason(),
        handoff.detail(), handoff.slots(), handoff.language(), handoff.requestedAt(), handoff.agent(),
        handoff.claimedAt(), handoff.lastActivityAt(), handoff.unread(), handoff.lowConfidenceStreak(),
        handoff.version() + 1);
    records.put(handoff.conversation(), next);
    return Optional.of(next);
  }

  @Override
  public synchronized List<Handoff> list(Set<HandoffStatus> statuses, int limit) {
    return records.values().stream()
        .filter(h -> statuses.contains(h.status()))
        .sorted(Comparator.comparing((Handoff h) -> h.requestedAt() == null ? Instant.MAX : h.requestedAt())
            .thenComparing(Handoff::id))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<Handoff> idle(Instant cutoff, int limit) {
    return records.values().stream()
        .filter(h -> h.status() == HandoffStatus.WAITING || h.status() == HandoffStatus.ACTIVE)
        .filter(h -> h.lastActivityAt() != null && !h.lastActivityAt().isAfter(cutoff))
        .sorted(Comparator.comparing(Handoff::lastActivityAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized String toString() {
    return "InMemoryHandoffStore[" + records.size() + " records]";
  }
}
