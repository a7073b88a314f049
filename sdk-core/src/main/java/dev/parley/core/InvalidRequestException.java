package dev.parley.core;

/** The request is wrong and will stay wrong: a value over a platform limit, a missing field, a parameter the platform rejected. Fix the request; never retried. */
public class InvalidRequestException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  public InvalidRequestException(String message, PlatformError error, Throwable cause) {
    super(message, error, cause);
  }
}
