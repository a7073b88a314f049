package dev.parley.core.outbox;

import dev.parley.core.SendReceipt;
import java.time.Instant;

/**
 * Hears what the outbox workers do, for metrics, logs or recording sent messages in the history.
 * Every method does nothing by default. Called on worker threads; implementations must be
 * thread-safe and quick, and exceptions they throw are logged and ignored.
 */
public interface OutboxListener {
  /** No-op listener. */
  OutboxListener NONE = new OutboxListener() {};

  /** The platform accepted {@code entry}. */
  default void delivered(OutboxEntry entry, SendReceipt receipt) {}

  /** An attempt failed and the entry will be tried again at {@code nextAttemptAt}. */
  default void retrying(OutboxEntry entry, Throwable failure, Instant nextAttemptAt) {}

  /** The entry was parked: it will not be tried again until retried by hand. */
  default void parked(OutboxEntry entry, String reason) {}
}
