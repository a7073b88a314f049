package dev.parley.core;

/**
 * The root of every exception Parley throws. Unchecked; the subclasses say what the caller can do
 * about a failure: retry later ({@link RateLimitedException}, {@link PlatformUnavailableException},
 * {@link ConnectionException}), fix the request ({@link InvalidRequestException}), fix the
 * credentials ({@link AuthenticationException}), or wait for the customer
 * ({@link OutsideWindowException}, {@link RecipientUnavailableException}).
 *
 * <p>When the platform answered, the exception carries what it said: the HTTP status, the Graph
 * error {@code code} and {@code error_subcode}, the {@code fbtrace_id} to quote to Meta's support,
 * and whether the platform marked the error transient. Messages never contain access tokens, app
 * secrets or API keys.
 */
public class ParleyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final Integer code;
  private final Integer subcode;
  private final String traceId;
  private final boolean isTransient;

  public ParleyException(String message) {
    this(message, null);
  }

  public ParleyException(String message, Throwable cause) {
    this(message, PlatformError.NONE, cause);
  }

  public ParleyException(String message, PlatformError error, Throwable cause) {
    super(message, cause);
    PlatformError e = error == null ? PlatformError.NONE : error;
    this.httpStatus = e.httpStatus();
    this.code = e.code();
    this.subcode = e.subcode();
    this.traceId = e.traceId();
    this.isTransient = e.isTransient();
  }

  /** The HTTP status the platform answered with, or 0 when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The platform's error code (Graph {@code error.code}), or null. */
  public Integer code() {
    return code;
  }

  /** The platform's error subcode (Graph {@code error.error_subcode}), or null. */
  public Integer subcode() {
    return subcode;
  }

  /** The platform's trace id (Graph {@code fbtrace_id}, Stripe request id), or null. */
  public String traceId() {
    return traceId;
  }

  /** True when trying the same thing again later may succeed. */
  public boolean isTransient() {
    return isTransient;
  }

  /**
   * What a platform said about a failed call: HTTP status (0 if none), code, subcode, trace id and
   * whether it is transient.
   */
  public record PlatformError(int httpStatus, Integer code, Integer subcode, String traceId, boolean isTransient) {
    /** No platform answer: a failure inside the process or on the way. */
    public static final PlatformError NONE = new PlatformError(0, null, null, null, false);
  }
}
