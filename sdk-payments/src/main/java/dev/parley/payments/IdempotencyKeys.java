package dev.parley.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stripe idempotency keys derived from the business action, so that a retried call (by Parley, by
 * the caller after a timeout, by another node) repeats the first one instead of doing it twice.
 * Stripe keeps keys for at least 24 hours and takes at most 255 characters; longer keys are hashed.
 */
final class IdempotencyKeys {
  private static final int MAX_LENGTH = 255;

  private IdempotencyKeys() {}

  /** One Checkout Session per order version and attempt (a fresh link after expiry is a new attempt). */
  static String checkout(String tenantId, String orderId, int version, int attempt) {
    return key("parley-checkout", tenantId, orderId + ":v" + version + ":a" + attempt);
  }

  /** One coupon per order version carries its discounts. */
  static String coupon(String tenantId, String orderId, int version) {
    return key("parley-coupon", tenantId, orderId + ":v" + version);
  }

  /** One refund per order, amount and request. */
  static String refund(String tenantId, String orderId, long amountMinorUnits, String requestId) {
    return key("parley-refund", tenantId, orderId + ":" + amountMinorUnits + ":" + requestId);
  }

  private static String key(String prefix, String tenantId, String action) {
    String key = prefix + ":" + (tenantId == null ? "" : tenantId + ":") + action;
    if (key.length() <= MAX_LENGTH) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return prefix + ":sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
