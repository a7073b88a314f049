package dev.parley.core.webhook;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory {@link InboundJournal} for the webhook tests; the real journals are the
 * conversation stores. Atomic per key through {@link ConcurrentHashMap#putIfAbsent}.
 */
final class InMemoryJournal implements InboundJournal {

  private record Recorded(long sequence, Entry entry) {}

  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Recorded> entries = new ConcurrentHashMap<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  final List<String> recordThreads = new CopyOnWriteArrayList<>();
  volatile RuntimeException failOnRecord;
  volatile int failAfterRecords = Integer.MAX_VALUE;

  @Override
  public boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson) {
    if (failOnRecord != null && entries.size() >= failAfterRecords) {
      throw failOnRecord;
    }
    recordThreads.add(Thread.currentThread().getName());
    Entry entry = new Entry(eventKey, from, occurredAt, rawJson);
    return entries.putIfAbsent(eventKey, new Recorded(sequence.incrementAndGet(), entry)) == null;
  }

  @Override
  public void markHandled(String eventKey) {
    handled.add(eventKey);
  }

  @Override
  public List<Entry> unhandled(int limit) {
    return entries.values().stream()
        .filter(r -> !handled.contains(r.entry().eventKey()))
        .sorted(Comparator.comparingLong(Recorded::sequence))
        .limit(limit)
        .map(Recorded::entry)
        .toList();
  }

  @Override
  public List<Entry> unhandledAfter(Entry after, int limit) {
    long afterSequence = entries.get(after.eventKey()).sequence();
    return entries.values().stream()
        .filter(r -> !handled.contains(r.entry().eventKey()) && r.sequence() > afterSequence)
        .sorted(Comparator.comparingLong(Recorded::sequence))
        .limit(limit)
        .map(Recorded::entry)
        .toList();
  }

  @Override
  public List<Entry> unhandledBefore(Entry event, int limit) {
    Recorded recorded = entries.get(event.eventKey());
    long before = recorded == null ? Long.MAX_VALUE : recorded.sequence();
    return entries.values().stream()
        .filter(r -> !handled.contains(r.entry().eventKey()) && event.from().equals(r.entry().from()))
        .filter(r -> r.entry().occurredAt().isBefore(event.occurredAt())
            || r.entry().occurredAt().equals(event.occurredAt()) && r.sequence() < before)
        .sorted(Comparator.comparing((Recorded r) -> r.entry().occurredAt()).thenComparingLong(Recorded::sequence))
        .limit(limit)
        .map(Recorded::entry)
        .toList();
  }

  @Override
  public boolean isHandled(String key) {
    return entries.containsKey(key) && handled.contains(key);
  }

  Entry entry(String key) {
    Recorded recorded = entries.get(key);
    return recorded == null ? null : recorded.entry();
  }

  int size() {
    return entries.size();
  }

  List<String> keys() {
    List<String> keys = new ArrayList<>();
    entries.values().stream().sorted(Comparator.comparingLong(Recorded::sequence)).forEach(r -> keys.add(r.entry().eventKey()));
    return keys;
  }
}
