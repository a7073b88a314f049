package dev.parley.core.internal.send;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.AuthenticationException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.RecipientUnavailableException;
import java.time.Duration;
import java.util.Set;

/**
 * Turns a Graph API error answer into a typed {@link ParleyException} and says whether to retry,
 * after the tables of Meta's Messenger and WhatsApp error codes (reference platforms.md §1.7 and
 * §2.6). The platform's message is quoted with the access token blanked out, should it ever echo
 * it. Stateless and thread-safe.
 */
final class GraphErrors {
  /** Throttling: retry after backoff (Graph 4, 17, 32, 341, 613; WhatsApp 80007, 130429 throughput, 131056 pair rate). */
  private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 341, 613, 80007, 130429, 131056);
  /** Throttling of the whole sender rather than of one message or customer. */
  private static final Set<Integer> SENDER_THROTTLED = Set.of(613, 80007, 130429);
  /** Temporary platform failures: retry after backoff (1 unknown, 2 service, 131000 something went wrong, 131016 unavailable). */
  private static final Set<Integer> TEMPORARY = Set.of(1, 2, 131000, 131016);
  /** Slow down, but not by retrying now: spam and policy blocks, marketing frequency caps. */
  private static final Set<Integer> HELD_BACK = Set.of(368, 131048, 131049);
  private static final Set<Integer> HELD_BACK_SUBCODES = Set.of(2018354, 2018352);
  private static final Set<Integer> OUTSIDE_WINDOW_SUBCODES = Set.of(2018278, 2018065);
  private static final Set<Integer> UNREACHABLE = Set.of(551, 131026);
  private static final Set<Integer> AUTHENTICATION = Set.of(0, 3, 10, 190);
  private static final Set<Integer> BAD_REQUEST = Set.of(100, 131008, 131009, 131051, 131052, 131053);

  private GraphErrors() {}

  /** What to do about one failed answer. */
  record Outcome(ParleyException error, boolean retryable, Duration retryAfter) {}

  static Outcome classify(int status, String body, Duration retryAfter, String context, String token) {
    JsonObject error = errorObject(body);
    Integer code = integer(error, "code");
    Integer subcode = integer(error, "error_subcode");
    String traceId = string(error, "fbtrace_id");
    boolean isTransient = error != null && error.has("is_transient") && error.get("is_transient").isJsonPrimitive()
        && error.get("is_transient").getAsBoolean();
    String platformMessage = string(error, "message");
    String details = error != null && error.has("error_data") && error.get("error_data").isJsonObject()
        ? string(error.getAsJsonObject("error_data"), "details") : null;
    String message = context + ": HTTP " + status
        + (code == null ? "" : ", code " + code + (subcode == null ? "" : "/" + subcode))
        + (platformMessage == null ? "" : ": " + redact(platformMessage, token))
        + (details == null ? "" : " (" + redact(details, token) + ")")
        + (traceId == null ? "" : " [fbtrace_id " + traceId + "]");
    int c = code == null ? -1 : code;
    int s = subcode == null ? -1 : subcode;

    if (OUTSIDE_WINDOW_SUBCODES.contains(s) || c == 131047) {
      return permanent(new OutsideWindowException(message + "; the customer's messaging window is closed",
          error(status, code, subcode, traceId, false), null));
    }
    if (UNREACHABLE.contains(c) || s == 1545041 || (c == 100 && s == 2018001)) {
      return permanent(new RecipientUnavailableException(message, error(status, code, subcode, traceId, false), null));
    }
    if (HELD_BACK.contains(c) || HELD_BACK_SUBCODES.contains(s)) {
      return permanent(new RateLimitedException(message, retryAfter, error(status, code, subcode, traceId, false), null));
    }
    if (THROTTLED.contains(c) || status == 429) {
      return new Outcome(new RateLimitedException(message, retryAfter, error(status, code, subcode, traceId, true), null),
          true, retryAfter);
    }
    if (c == 10 && s == 2018300) {
      return permanent(new InvalidRequestException(message + "; another app controls this conversation: take thread"
          + " control first", error(status, code, subcode, traceId, false), null));
    }
    if (AUTHENTICATION.contains(c) || (c >= 200 && c <= 299) || status == 401 || status == 403) {
      return permanent(new AuthenticationException(message, error(status, code, subcode, traceId, false), null));
    }
    if (TEMPORARY.contains(c) || s == 1200 || status >= 500 || isTransient) {
      return new Outcome(new PlatformUnavailableException(message, error(status, code, subcode, traceId, true), null),
          true, retryAfter);
    }
    if (BAD_REQUEST.contains(c) || (c >= 132000 && c <= 133999) || (status >= 400 && status < 500)) {
      return permanent(new InvalidRequestException(message, error(status, code, subcode, traceId, false), null));
    }
    return permanent(new ParleyException(message, error(status, code, subcode, traceId, false), null));
  }

  /**
   * True when {@code error} says the whole page or number is over its rate (Graph 613 calls to the
   * Send API, WhatsApp 80007 and 130429 throughput, or a bare HTTP 429), so that every request from
   * it should pause, not only the one refused; the per-customer pair limit (131056) does not.
   */
  static boolean throttlesSender(ParleyException error) {
    if (!(error instanceof RateLimitedException) || !error.isTransient()) {
      return false;
    }
    Integer code = error.code();
    return code == null ? error.httpStatus() == 429 : SENDER_THROTTLED.contains(code);
  }

  /** Replaces every occurrence of the token with "[redacted]". */
  static String redact(String text, String token) {
    return token == null || token.isEmpty() || text == null ? text : text.replace(token, "[redacted]");
  }

  private static Outcome permanent(ParleyException error) {
    return new Outcome(error, false, Duration.ZERO);
  }

  private static PlatformError error(int status, Integer code, Integer subcode, String traceId, boolean isTransient) {
    return new PlatformError(status, code, subcode, traceId, isTransient);
  }

  private static JsonObject errorObject(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonElement root = JsonParser.parseString(body);
      if (root.isJsonObject() && root.getAsJsonObject().has("error") && root.getAsJsonObject().get("error").isJsonObject()) {
        return root.getAsJsonObject().getAsJsonObject("error");
      }
    } catch (JsonParseException e) {
      // not JSON: an HTML error page from a proxy, say
    }
    return null;
  }

  private static Integer integer(JsonObject object, String field) {
    if (object == null || !object.has(field) || !object.get(field).isJsonPrimitive()) {
      return null;
    }
    try {
      return object.get(field).getAsInt();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String string(JsonObject object, String field) {
    return object == null || !object.has(field) || !object.get(field).isJsonPrimitive()
        ? null : object.get(field).getAsString();
  }
}
