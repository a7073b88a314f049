package dev.parley.testkit;

import java.util.regex.Pattern;

/** Keeps tokens and keys out of log lines and {@code toString()}. Thread-safe. */
final class Redaction {
  static final String SECRET = "[redacted]";
  private static final Pattern TOKEN_PARAMETER = Pattern.compile("(access_token|appsecret_proof)=[^&]*");

  private Redaction() {}

  static String query(String query) {
    return TOKEN_PARAMETER.matcher(query).replaceAll("$1=" + SECRET);
  }

  /** A key shortened the way Stripe quotes it in errors: {@code sk_test_****1234}. */
  static String stripeKey(String key) {
    if (key == null || key.length() < 12) {
      return "****";
    }
    int underscore = key.indexOf('_', 3);
    String prefix = underscore > 0 ? key.substring(0, underscore + 1) : key.substring(0, 3);
    return prefix + "*".repeat(Math.max(4, key.length() - prefix.length() - 4)) + key.substring(key.length() - 4);
  }

  /** Text cut to 40 characters for error messages. */
  static String cut(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 40 ? text : text.substring(0, 39) + "…";
  }
}
