package dev.parley.core;

/** The message may not be sent now: the customer's messaging window is closed and no tag or template allows this kind of message. The message says why and what would be allowed. Wait for the customer to write, or send an allowed kind. */
public class OutsideWindowException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public OutsideWindowException(String message) {
    super(message);
  }

  public OutsideWindowException(String message, Throwable cause) {
    super(message, cause);
  }

  public OutsideWindowException(String message, PlatformError error, Throwable cause) {
    super(message, error, cause);
  }
}
