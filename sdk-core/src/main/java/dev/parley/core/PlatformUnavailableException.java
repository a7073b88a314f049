package dev.parley.core;

/** The platform kept failing (5xx, temporary errors) until the retry policy gave up. Try again later. */
public class PlatformUnavailableException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public PlatformUnavailableException(String message) {
    super(message);
  }

  public PlatformUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public PlatformUnavailableException(String message, PlatformError error, Throwable cause) {
    super(message, error, cause);
  }
}
