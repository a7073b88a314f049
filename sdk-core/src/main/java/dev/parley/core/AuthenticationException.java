package dev.parley.core;

/** The credentials were refused: an expired or revoked token, a missing permission, a bad API key. Fix the credentials; never retried. */
public class AuthenticationException extends ParleyException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuthenticationException(String message, PlatformError error, Throwable cause) {
    super(message, error, cause);
  }
}
