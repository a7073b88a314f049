package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Durable timers and the webhook journal of {@link InMemoryConversationStore}. Thread-safe: every method holds the object's monitor. */
final class InMemoryTimersAndJournal {
  private final Map<String, TimerRow> timers = new HashMap<>();
  private final Map<String, JournalRow> journal = new LinkedHashMap<>();
  /** The journal's unhandled rows by key: the queries below scan these, not every event ever recorded. */
  private final Map<String, JournalRow> unhandled = new HashMap<>();

  private long recorded;

  /** A journal entry, whether it was handled, and its place in the order of recording. */
  private record JournalRow(Entry entry, boolean handled, long sequence) {}

  /** A timer and, while claimed, until when. */
  private record TimerRow(ConversationTimer timer, Instant claimedUntil) {
    boolean claimable(Instant now) {
      return !timer.dueAt().isAfter(now) && (claimedUntil == null || !claimedUntil.isAfter(now));
    }
  }

  synchronized ConversationTimer schedule(ConversationTimer timer) {
    timers.put(timer.key(), new TimerRow(timer, null));
    return timer;
  }

  synchronized boolean cancelTimer(String key) {
    return timers.remove(key) != null;
  }

  synchronized Optional<ConversationTimer> findTimer(String key) {
    return Optional.ofNullable(timers.get(key)).map(TimerRow::timer);
  }

  synchronized List<ConversationTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    Objects.requireNonNull(now, "now");
    StoreArguments.checkLease(lease);
    StoreArguments.checkLimit(limit);
    Instant until = Timestamps.micros(now.plus(lease));
    List<ConversationTimer> due = timers.values().stream()
        .filter(row -> row.claimable(now))
        .map(TimerRow::timer)
        .sorted(StoreArguments.TIMER_ORDER)
        .limit(limit)
        .map(t -> t.claimedWith(UUID.randomUUID().toString()))
        .toList();
    due.forEach(t -> timers.put(t.key(), new TimerRow(t, until)));
    return due;
  }

  synchronized boolean completeTimer(String key, String claimToken) {
    Objects.requireNonNull(key, "key");
    TimerRow row = timers.get(key);
    if (row == null || claimToken == null || !claimToken.equals(row.timer().claimToken())) {
      return false;
    }
    timers.remove(key);
    return true;
  }

  synchronized boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson) {
    StoreArguments.checkEventKey(eventKey);
    if (journal.containsKey(eventKey)) {
      return false;
    }
    JournalRow row = new JournalRow(new Entry(eventKey, from, Timestamps.micros(occurredAt), rawJson), false,
        ++recorded);
    journal.put(eventKey, row);
    unhandled.put(eventKey, row);
    return true;
  }

  synchronized void markHandled(String eventKey) {
    journal.computeIfPresent(eventKey, (k, row) -> new JournalRow(row.entry, true, row.sequence));
    unhandled.remove(eventKey);
  }

  synchronized boolean isHandled(String eventKey) {
    JournalRow row = journal.get(Objects.requireNonNull(eventKey, "eventKey"));
    return row != null && row.handled;
  }

  synchronized List<Entry> unhandled(int limit) {
    StoreArguments.checkLimit(limit);
    return unhandled.values().stream()
        .map(JournalRow::entry)
        .sorted(StoreArguments.JOURNAL_ORDER)
        .limit(limit)
        .toList();
  }

  synchronized List<Entry> unhandledAfter(Entry after, int limit) {
    Objects.requireNonNull(after, "after");
    StoreArguments.checkLimit(limit);
    return unhandled.values().stream()
        .filter(row -> StoreArguments.JOURNAL_ORDER.compare(row.entry, after) > 0)
        .map(JournalRow::entry)
        .sorted(StoreArguments.JOURNAL_ORDER)
        .limit(limit)
        .toList();
  }

  synchronized List<Entry> unhandledBefore(Entry event, int limit) {
    StoreArguments.checkUnhandledBefore(event);
    StoreArguments.checkLimit(limit);
    Instant at = Timestamps.micros(event.occurredAt());
    JournalRow recordedEvent = journal.get(event.eventKey());
    long sequence = recordedEvent == null ? Long.MAX_VALUE : recordedEvent.sequence;
    return unhandled.values().stream()
        .filter(row -> event.from().equals(row.entry.from()))
        .filter(row -> row.entry.occurredAt().isBefore(at)
            || row.entry.occurredAt().equals(at) && row.sequence < sequence)
        .sorted(Comparator.comparing((JournalRow row) -> row.entry.occurredAt()).thenComparingLong(JournalRow::sequence))
        .map(JournalRow::entry)
        .limit(limit)
        .toList();
  }

  /** Right to erasure: forgets the timers of these conversations and the events these customers sent. */
  synchronized void erase(Set<Recipient> identities) {
    journal.values().removeIf(j -> identities.contains(j.entry.from()));
    unhandled.values().removeIf(j -> identities.contains(j.entry.from()));
    timers.values().removeIf(row -> identities.contains(row.timer().conversation()));
  }
}
