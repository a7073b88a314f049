package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal.Entry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Durable timers and the webhook journal of {@link InMemoryConversationStore}. Thread-safe: every method holds the object's monitor. */
final class InMemoryTimersAndJournal {
  private final Map<String, ConversationTimer> timers = new HashMap<>();
  private final Map<String, JournalRow> journal = new LinkedHashMap<>();

  private record JournalRow(Entry entry, boolean handled) {}

  synchronized ConversationTimer schedule(ConversationTimer timer) {
    timers.put(timer.key(), timer);
    return timer;
  }

  synchronized boolean cancelTimer(String key) {
    return timers.remove(key) != null;
  }

  synchronized Optional<ConversationTimer> findTimer(String key) {
    return Optional.ofNullable(timers.get(key));
  }

  synchronized List<ConversationTimer> claimDueTimers(Instant now, int limit) {
    StoreArguments.checkLimit(limit);
    List<ConversationTimer> due = timers.values().stream()
        .filter(t -> !t.dueAt().isAfter(now))
        .sorted(StoreArguments.TIMER_ORDER)
        .limit(limit)
        .toList();
    due.forEach(t -> timers.remove(t.key()));
    return due;
  }

  synchronized boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson) {
    StoreArguments.checkEventKey(eventKey);
    if (journal.containsKey(eventKey)) {
      return false;
    }
    journal.put(eventKey, new JournalRow(new Entry(eventKey, from, Timestamps.micros(occurredAt), rawJson), false));
    return true;
  }

  synchronized void markHandled(String eventKey) {
    journal.computeIfPresent(eventKey, (k, row) -> new JournalRow(row.entry, true));
  }

  synchronized List<Entry> unhandled(int limit) {
    StoreArguments.checkLimit(limit);
    return journal.values().stream()
        .filter(row -> !row.handled)
        .map(JournalRow::entry)
        .sorted(StoreArguments.JOURNAL_ORDER)
        .limit(limit)
        .toList();
  }

  /** Right to erasure: forgets the timers of these conversations and the events these customers sent. */
  synchronized void erase(Set<Recipient> identities) {
    journal.values().removeIf(j -> identities.contains(j.entry.from()));
    timers.values().removeIf(t -> identities.contains(t.conversation()));
  }
}
