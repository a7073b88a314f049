package dev.parley.core.outbox;

import dev.parley.core.SendReceipt;
import dev.parley.core.outbox.OutboxStore.Delivered;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks delivered entries in the store in batches (a group commit): a delivery that finishes while
 * another thread is writing marks is queued and goes into that thread's next batch instead of
 * opening a transaction of its own. Under load one commit covers many deliveries; a delivery that
 * finishes alone is marked at once, on its own thread, as before.
 *
 * <p>What a batch changes for crash safety: nothing a single mark did not already risk. An entry is
 * sent before it is marked; if the node dies in between, the entry is sent again when its claim
 * expires. Batching only adds the few milliseconds an entry waits in the queue to that window. A
 * marked entry is never sent again: marks are by claim token, and only an IN_FLIGHT entry is claimed
 * again after its lease.
 *
 * <p>A mark the store refuses with an error (the database is unreachable for a moment) goes to
 * {@link UnrecordedOutcomes}, to be written when the store is back rather than the message sent again
 * when its claim expires. Thread-safe.
 */
final class OutboxMarks {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  /** Enough to amortise a commit; small enough that one transaction stays short. */
  static final int MAX_BATCH = 256;

  private record Pending(OutboxEntry entry, SendReceipt receipt, Runnable done) {}

  private final OutboxStore store;
  private final OutboxSettings settings;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean marking = new AtomicBoolean();
  private final UnrecordedOutcomes unrecorded;

  OutboxMarks(OutboxStore store, OutboxSettings settings, UnrecordedOutcomes unrecorded) {
    this.store = store;
    this.settings = settings;
    this.unrecorded = unrecorded;
  }

  /**
   * Marks {@code entry} delivered, now or in a batch another thread is about to write, then runs
   * {@code done} (on whichever thread wrote the batch). Never throws: a mark that cannot be written
   * is logged, and the entry is taken again when its claim expires.
   */
  void delivered(OutboxEntry entry, SendReceipt receipt, Runnable done) {
    queue.add(new Pending(entry, receipt, done));
    // Whoever holds the flag drains the queue; re-checking after releasing it closes the window in
    // which an entry queued by a thread that found the flag taken would otherwise wait for the next one.
    while (!queue.isEmpty() && marking.compareAndSet(false, true)) {
      try {
        markBatch();
      } finally {
        marking.set(false);
      }
    }
  }

  private void markBatch() {
    List<Pending> batch = new ArrayList<>();
    for (Pending next = queue.poll(); next != null; next = batch.size() < MAX_BATCH ? queue.poll() : null) {
      batch.add(next);
    }
    try {
      Set<Long> marked = markAll(batch);
      for (Pending pending : batch) {
        if (marked == null) {
          markAlone(pending);
        } else {
          reportMark(pending, marked.contains(pending.entry().id()));
        }
      }
    } finally {
      for (Pending pending : batch) {
        runQuietly(pending.done());
      }
    }
  }

  private Set<Long> markAll(List<Pending> batch) {
    if (batch.size() == 1) {
      return null;
    }
    List<Delivered> delivered = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      delivered.add(new Delivered(pending.entry().id(), pending.entry().claimToken(), messageId(pending)));
    }
    try {
      return store.markDelivered(delivered, settings.clock().instant());
    } catch (RuntimeException e) {
      log.warn("outbox could not mark {} delivered entries together; marking them one at a time", batch.size(), e);
      return null;
    }
  }

  private void markAlone(Pending pending) {
    try {
      mark(pending);
    } catch (RuntimeException e) {
      unrecorded.add(pending.entry(), "delivered", () -> mark(pending), e);
    }
  }

  private void mark(Pending pending) {
    OutboxEntry entry = pending.entry();
    reportMark(pending, store.markDelivered(entry.id(), entry.claimToken(), messageId(pending),
        settings.clock().instant()));
  }

  private void reportMark(Pending pending, boolean marked) {
    OutboxEntry entry = pending.entry();
    if (marked) {
      OutboxAttempts.notify(() -> settings.listener().delivered(entry, pending.receipt()));
    } else {
      log.warn("outbox entry {} ({}) was delivered after its claim expired; another worker may deliver it again",
          entry.id(), entry.dedupKey());
    }
  }

  private static String messageId(Pending pending) {
    return pending.receipt() == null ? null : pending.receipt().messageId();
  }

  private static void runQuietly(Runnable done) {
    try {
      done.run();
    } catch (RuntimeException e) {
      log.warn("outbox completion failed", e);
    }
  }
}
