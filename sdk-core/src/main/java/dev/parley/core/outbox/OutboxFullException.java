package dev.parley.core.outbox;

import dev.parley.core.ParleyException;

/**
 * The outbox holds as many unfinished entries as its capacity allows; nothing was enqueued. Transient:
 * enqueue again once the workers caught up (see {@link Outbox#counts()}).
 */
public class OutboxFullException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public OutboxFullException(String message) {
    super(message, new PlatformError(0, null, null, null, true), null);
  }
}
