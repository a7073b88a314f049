package dev.parley.core.conversation;

import java.time.Duration;

/** Argument checks and limits shared by the outbox stores, so every store fails the same way. */
final class OutboxValues {
  static final int MAX_DEDUP_KEY = 300;
  static final int MAX_ERROR = 2000;

  private OutboxValues() {}

  static void check(String payload, String dedupKey) {
    if (payload == null || payload.isEmpty()) {
      throw new IllegalArgumentException("outbox payload must not be empty");
    }
    if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > MAX_DEDUP_KEY) {
      throw new IllegalArgumentException("outbox dedupKey must be 1 to " + MAX_DEDUP_KEY + " characters, got "
          + (dedupKey == null ? "null" : dedupKey.length() + " characters"));
    }
  }

  static void checkClaim(Duration lease, int limit) {
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("claim lease must be positive, got " + lease);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("claim limit must be at least 1, got " + limit);
    }
  }

  static String cut(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
  }
}
