package dev.parley.payments;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import dev.parley.core.AuthenticationException;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import java.util.regex.Pattern;

/**
 * Translates stripe-java's checked exceptions into Parley's unchecked family at the module's
 * boundary, by what the caller can do, with the cause attached and Stripe's request id as trace id.
 * API keys never reach the message (Stripe masks them already; this masks again).
 */
final class StripeErrors {
  private static final Pattern KEY = Pattern.compile("\\b(sk|rk|pk|ek)_(test|live)_[A-Za-z0-9*]+");
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("\\bwhsec_[A-Za-z0-9*]+");

  private StripeErrors() {}

  static ParleyException translate(StripeException e, String action) {
    int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
    String stripeMessage = e.getStripeError() != null && e.getStripeError().getMessage() != null
        ? e.getStripeError().getMessage() : e.getMessage();
    String message = "Stripe " + (e instanceof ApiConnectionException ? "could not be reached to " : "refused to ")
        + action + ": " + redact(stripeMessage)
        + (e.getCode() == null ? "" : " (code " + e.getCode() + ")")
        + (e.getRequestId() == null ? "" : " [request " + e.getRequestId() + "]");
    if (e instanceof ApiConnectionException) {
      return new ConnectionException(message, new PlatformError(0, null, null, null, true), e);
    }
    if (e instanceof RateLimitException) {
      return new RateLimitedException(message, null, error(e, status, true), e);
    }
    if (e instanceof com.stripe.exception.AuthenticationException || e instanceof PermissionException) {
      return new AuthenticationException(message, error(e, status, false), e);
    }
    if (e instanceof ApiException || status >= 500) {
      return new PlatformUnavailableException(message, error(e, status, true), e);
    }
    if (e instanceof com.stripe.exception.InvalidRequestException || e instanceof CardException
        || e instanceof IdempotencyException) {
      return new InvalidRequestException(message, error(e, status, false), e);
    }
    return new ParleyException(message, error(e, status, false), e);
  }

  private static PlatformError error(StripeException e, int status, boolean isTransient) {
    return new PlatformError(status, null, null, e.getRequestId(), isTransient);
  }

  static String redact(String text) {
    return text == null ? "(no message)"
        : WEBHOOK_SECRET.matcher(KEY.matcher(text).replaceAll("$1_$2_****")).replaceAll("whsec_****");
  }
}
