package dev.parley.core;

/** The customer cannot be reached: blocked the business, deactivated, not on WhatsApp. Never retried; mark the customer unreachable. */
public class RecipientUnavailableException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public RecipientUnavailableException(String message) {
    super(message);
  }

  public RecipientUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RecipientUnavailableException(String message, PlatformError error, Throwable cause) {
    super(message, error, cause);
  }
}
