package dev.parley.core.internal.send;

import dev.parley.core.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/**
 * The checks behind every platform limit, shared by the message values (when built) and the
 * channel renderers (when rendered), so that every error reads the same way:
 * "button title 'Track your parcel now' is 21 characters; Messenger allows 20".
 *
 * <p>Public for wiring only; not part of Parley's API. Stateless and thread-safe.
 */
public final class Limits {
  /** The longest value quoted in an error message; longer values are cut short. */
  static final int QUOTE_LENGTH = 40;

  private Limits() {}

  /** Requires a non-blank value of at most {@code max} characters; {@code who} is "Messenger", "WhatsApp" or "Messenger and WhatsApp". */
  public static String requireText(String field, String value, int max, String who) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field + " must not be blank, got " + quote(value));
    }
    return requireMaxLength(field, value, max, who);
  }

  /** Allows null; otherwise at most {@code max} characters and not blank. */
  public static String optionalText(String field, String value, int max, String who) {
    return value == null ? null : requireText(field, value, max, who);
  }

  /** Requires at most {@code max} characters (counted as Unicode code points, as the platforms count them). */
  public static String requireMaxLength(String field, String value, int max, String who) {
    if (value.length() <= max) {
      return value; // never more code points than chars
    }
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      throw new InvalidRequestException(field + " " + quote(value) + " is " + length + " characters; "
          + who + (who.contains(" and ") ? " allow " : " allows ") + max);
    }
    return value;
  }

  /** Requires between {@code min} and {@code max} elements. */
  public static void requireCount(String field, Collection<?> values, int min, int max, String who) {
    int size = values == null ? 0 : values.size();
    if (size < min || size > max) {
      String allowed = min == max ? String.valueOf(max) : min + " to " + max;
      throw new InvalidRequestException(field + ": " + size + " given; " + who
          + (who.contains(" and ") ? " allow " : " allows ") + allowed);
    }
  }

  /** Requires an absolute http or https URL of at most {@code max} characters. */
  public static String requireUrl(String field, String value, int max, String who) {
    requireText(field, value, max, who);
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new InvalidRequestException(field + " " + quote(value) + " is not an absolute http(s) URL");
  }

  /** Allows null; otherwise an absolute http or https URL. */
  public static String optionalUrl(String field, String value, int max, String who) {
    return value == null ? null : requireUrl(field, value, max, who);
  }

  /** A value for an error message: quoted, cut short after {@value #QUOTE_LENGTH} characters, or {@code null}. */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() <= QUOTE_LENGTH ? value : value.substring(0, QUOTE_LENGTH - 1) + "…";
    return "'" + shown + "'";
  }
}
