package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal;
import dev.parley.core.webhook.InboundJournal.Entry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Durable timers and the webhook journal of {@link InMemoryConversationStore}. Thread-safe: every
 * method holds the object's monitor.
 *
 * <p>The journal keeps an unhandled event whole until it is handled. A handled event keeps only its
 * key, sender and place in the order (no JSON), for deduplication, and only for a while: it is
 * forgotten once it was handled longer than {@code retention} ago, or, oldest handled first, when more
 * than {@code maxHandled} handled events are remembered. A redelivery of a forgotten event is then
 * recorded as new. So a long-running process holds at most {@code maxHandled} handled keys.
 */
final class InMemoryTimersAndJournal {
  private final Map<String, TimerRow> timers = new HashMap<>();
  /** The journal's unhandled rows by key: the queries below scan these, not every event ever recorded. */
  private final Map<String, JournalRow> unhandled = new HashMap<>();
  /** What is remembered of handled events, in the order they were handled: the oldest is forgotten first. */
  private final LinkedHashMap<String, HandledRow> handled = new LinkedHashMap<>();
  private final Clock clock;
  private final long retentionMillis;
  private final int maxHandled;

  private long recorded;

  /** An unhandled journal entry and its place in the order of recording. */
  private record JournalRow(Entry entry, long sequence) {}

  /** A handled event: its sender (for erasure), its place in the order of recording, when it was handled. */
  private record HandledRow(Recipient from, long sequence, long handledAtMillis) {}

  InMemoryTimersAndJournal(Clock clock, Duration retention, int maxHandled) {
    this.clock = clock;
    this.retentionMillis = retention.toMillis();
    this.maxHandled = maxHandled;
  }

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
    forgetExpired();
    if (unhandled.containsKey(eventKey) || handled.containsKey(eventKey)) {
      return false;
    }
    unhandled.put(eventKey, new JournalRow(new Entry(eventKey, from, Timestamps.micros(occurredAt), rawJson),
        ++recorded));
    return true;
  }

  synchronized void markHandled(String eventKey) {
    JournalRow row = unhandled.remove(eventKey);
    if (row != null) {
      handled.put(eventKey, new HandledRow(row.entry.from(), row.sequence, clock.millis()));
      forgetExpired();
    }
  }

  synchronized boolean isHandled(String eventKey) {
    Objects.requireNonNull(eventKey, "eventKey");
    forgetExpired();
    return handled.containsKey(eventKey);
  }

  /** Whether {@code event} was handled, and the first of its sender's unhandled events before it: one look. */
  synchronized InboundJournal.Standing standing(Entry event) {
    List<Entry> earlier = unhandledBefore(event, 1);
    return new InboundJournal.Standing(isHandled(event.eventKey()), earlier.isEmpty() ? null : earlier.get(0));
  }

  /** How many handled events are remembered for deduplication. */
  synchronized int handledRemembered() {
    return handled.size();
  }

  /** Forgets, oldest handled first, the handled events past the retention or beyond the count. */
  private void forgetExpired() {
    long oldestKept = clock.millis() - retentionMillis;
    Iterator<HandledRow> oldestFirst = handled.values().iterator();
    while (oldestFirst.hasNext()) {
      HandledRow row = oldestFirst.next();
      if (handled.size() <= maxHandled && row.handledAtMillis >= oldestKept) {
        return;
      }
      oldestFirst.remove();
    }
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
    JournalRow recordedEvent = unhandled.get(event.eventKey());
    HandledRow handledEvent = recordedEvent == null ? handled.get(event.eventKey()) : null;
    long sequence = recordedEvent != null ? recordedEvent.sequence
        : handledEvent != null ? handledEvent.sequence : Long.MAX_VALUE;
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
    unhandled.values().removeIf(j -> identities.contains(j.entry.from()));
    handled.values().removeIf(h -> identities.contains(h.from()));
    timers.values().removeIf(row -> identities.contains(row.timer().conversation()));
  }
}
