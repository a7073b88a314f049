package dev.parley.core;

/** The request did not get an answer: connection refused or reset, timeout, DNS. Whether the platform acted is unknown; retrying is safe only for idempotent work. */
public class ConnectionException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public ConnectionException(String message) {
    super(message);
  }

  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConnectionException(String message, PlatformError error, Throwable cause) {
    super(message, error, cause);
  }
}
