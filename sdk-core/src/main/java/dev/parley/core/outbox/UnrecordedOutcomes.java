package dev.parley.core.outbox;

import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outcomes of delivery attempts that the store refused to record with an error (the database was
 * unreachable for a moment), kept to be written later instead of given up at once. Given up, an
 * outcome would leave its entry in flight until the claim expires: a message the platform accepted
 * would then be sent again, and a failed one, with every later entry to its recipient, would wait
 * out the whole lease. The outbox's worker {@linkplain #retry tries them again} before each claim,
 * oldest first, until each is written or its entry's claim has expired; meanwhile the entry stays in
 * flight, so its recipient's next entries keep waiting behind it, in order. Thread-safe.
 */
final class UnrecordedOutcomes {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** Writes one outcome; throws while the store is still unreachable. */
  interface Recording {
    void record();
  }

  private record Unrecorded(OutboxEntry entry, String what, Recording recording, Instant giveUpAt) {}

  private final OutboxSettings settings;
  private final ConcurrentLinkedQueue<Unrecorded> queue = new ConcurrentLinkedQueue<>();

  UnrecordedOutcomes(OutboxSettings settings) {
    this.settings = settings;
  }

  /**
   * Keeps {@code recording}, which the store just refused with {@code error}, to be tried again;
   * {@code what} says what was not recorded ("delivered", "failed attempt"), for the log.
   */
  void add(OutboxEntry entry, String what, Recording recording, RuntimeException error) {
    // the claim began before this attempt, so it expires no later than a lease from now
    queue.add(new Unrecorded(entry, what, recording, settings.clock().instant().plus(settings.lease())));
    log.warn("outbox entry {} ({}): the store could not record it as {}; trying again while its claim lasts",
        entry.id(), entry.dedupKey(), what, error);
  }

  /**
   * Writes the kept outcomes, oldest first, and stops at the first the store still refuses (the next
   * call tries again). An outcome whose claim has expired meanwhile is given up: the entry is claimed
   * again after its lease. Never throws.
   */
  synchronized void retry() {
    for (Unrecorded next = queue.peek(); next != null; next = queue.peek()) {
      if (settings.clock().instant().isAfter(next.giveUpAt())) {
        queue.poll();
        log.warn("outbox entry {} ({}) could not be recorded as {} while its claim lasted; it is claimed again",
            next.entry().id(), next.entry().dedupKey(), next.what());
        continue;
      }
      try {
        next.recording().record();
      } catch (RuntimeException e) {
        return;
      }
      queue.poll();
    }
  }

  /** Outcomes waiting to be written. */
  int size() {
    return queue.size();
  }
}
