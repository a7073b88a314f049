package dev.parley.testkit;

import java.security.SecureRandom;

/** Random identifiers shaped like the platforms' own. Thread-safe. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String URL_SAFE = ALPHANUMERIC + "-_";

  private Ids() {}

  /** A Messenger message id, {@code m_} and 64 URL-safe characters. */
  static String messengerMid() {
    return "m_" + random(URL_SAFE, 64);
  }

  /** A WhatsApp message id, {@code wamid.} and base64-like characters. */
  static String wamid() {
    return "wamid.HBgL" + random(ALPHANUMERIC, 46);
  }

  /** A Graph trace id, 11 characters. */
  static String fbtraceId() {
    return random(URL_SAFE, 11);
  }

  /** A Stripe object id: the prefix ({@code cs_test_}, {@code pi_}...) and random characters. */
  static String stripe(String prefix, int length) {
    return prefix + random(ALPHANUMERIC, length);
  }

  static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
