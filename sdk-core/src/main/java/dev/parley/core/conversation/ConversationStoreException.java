package dev.parley.core.conversation;

import dev.parley.core.ParleyException;

/**
 * The conversation store could not do what was asked: the database is unreachable, a statement
 * failed, a lock could not be taken in time. The cause carries the driver's exception. Retrying may
 * help when the database comes back.
 */
public class ConversationStoreException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public ConversationStoreException(String message, Throwable cause) {
    super(message, new PlatformError(0, null, null, null, true), cause); // transient: an outbox retries, never parks
  }
}
