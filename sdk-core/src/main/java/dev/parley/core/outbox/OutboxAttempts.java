package dev.parley.core.outbox;

import dev.parley.core.ConnectionException;
import dev.parley.core.ParleyException;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after a failed delivery attempt: retried later with backoff, or parked. Stateless
 * apart from its settings; thread-safe.
 */
final class OutboxAttempts {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final OutboxStore store;
  private final OutboxSettings settings;
  private final UnrecordedOutcomes unrecorded;

  OutboxAttempts(OutboxStore store, OutboxSettings settings, UnrecordedOutcomes unrecorded) {
    this.store = store;
    this.settings = settings;
    this.unrecorded = unrecorded;
  }

  /**
   * Records a failed attempt on {@code entry}: retried later or parked. Never throws: a write the
   * store refuses goes to {@link UnrecordedOutcomes}, to be tried again while the claim lasts.
   * Successful attempts are marked by {@link OutboxMarks}, in batches.
   */
  void failed(OutboxEntry entry, Throwable failure) {
    Throwable cause = unwrap(failure);
    try {
      failedAttempt(entry, cause);
    } catch (RuntimeException e) {
      unrecorded.add(entry, "a failed attempt", () -> failedAttempt(entry, cause), e);
    }
  }

  private void failedAttempt(OutboxEntry entry, Throwable failure) {
    String reason = describe(failure);
    if (!retryable(failure)) {
      park(entry, reason);
      return;
    }
    if (entry.attempts() >= settings.maxAttempts()) {
      park(entry, "gave up after " + entry.attempts() + " attempts: " + reason);
      return;
    }
    Instant next = settings.clock().instant().plus(delayAfter(entry.attempts(), failure));
    if (store.retryLater(entry.id(), entry.claimToken(), next, reason)) {
      log.debug("outbox entry {} ({}) attempt {} failed, retrying at {}: {}", entry.id(), entry.dedupKey(),
          entry.attempts(), next, reason);
      notify(() -> settings.listener().retrying(entry, failure, next));
    }
  }

  void park(OutboxEntry entry, String reason) {
    if (store.park(entry.id(), entry.claimToken(), reason, settings.clock().instant())) {
      log.warn("outbox entry {} ({}) to {} parked: {}", entry.id(), entry.dedupKey(), entry.recipient().key(), reason);
      notify(() -> settings.listener().parked(entry, reason));
    }
  }

  /**
   * Exponential backoff with equal jitter (between half and all of the doubled delay), never shorter
   * than the platform's Retry-After.
   */
  Duration delayAfter(int attempt, Throwable failure) {
    long initial = settings.initialBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    long doubled = initial << Math.min(attempt - 1, 30);
    long ceiling = Math.min(cap, doubled <= 0 ? cap : doubled);
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    Duration delay = Duration.ofMillis(Math.max(1, jittered));
    if (failure instanceof RateLimitedException limited && limited.retryAfter().compareTo(delay) > 0) {
      return limited.retryAfter();
    }
    return delay;
  }

  static boolean retryable(Throwable failure) {
    if (failure instanceof RateLimitedException || failure instanceof PlatformUnavailableException
        || failure instanceof ConnectionException || failure instanceof OutboxFullException) {
      return true;
    }
    if (failure instanceof ParleyException parley) {
      return parley.isTransient();
    }
    // Not a verdict of the send path (a bug or an outage in a custom delivery): try again, park at the limit.
    return true;
  }

  static String describe(Throwable failure) {
    StringBuilder reason = new StringBuilder(failure.getClass().getSimpleName()).append(": ").append(failure.getMessage());
    if (failure instanceof ParleyException parley && parley.code() != null) {
      reason.append(" (code ").append(parley.code());
      if (parley.subcode() != null) {
        reason.append(", subcode ").append(parley.subcode());
      }
      if (parley.traceId() != null) {
        reason.append(", trace ").append(parley.traceId());
      }
      reason.append(')');
    }
    return reason.toString();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("outbox listener failed", e);
    }
  }
}
