package dev.parley.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 the way Meta and Stripe sign webhooks, written here rather than shared with the SDK so
 * that the sandbox catches a wrong signature check instead of agreeing with it. Thread-safe.
 */
final class Hmac {
  private Hmac() {}

  /** Lowercase hex HMAC-SHA256 of {@code message} keyed by the UTF-8 bytes of {@code secret}. */
  static String sha256Hex(String secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Meta's {@code X-Hub-Signature-256} value: {@code sha256=} and the hex HMAC of the raw body with the app secret. */
  static String metaSignature(String appSecret, byte[] body) {
    return "sha256=" + sha256Hex(appSecret, body);
  }

  /**
   * Stripe's {@code Stripe-Signature} value: {@code t=<seconds>,v1=<hex>}, the HMAC over {@code t + "." + body}
   * keyed by the UTF-8 bytes of the whole {@code whsec_...} secret (no base64 decoding, as stripe-java does).
   */
  static String stripeSignature(String endpointSecret, long epochSeconds, byte[] body) {
    byte[] prefix = (epochSeconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return "t=" + epochSeconds + ",v1=" + sha256Hex(endpointSecret, signed);
  }

  /** Meta's {@code appsecret_proof}: the hex HMAC of the access token keyed by the app secret. */
  static String appSecretProof(String appSecret, String accessToken) {
    return sha256Hex(appSecret, accessToken.getBytes(StandardCharsets.UTF_8));
  }
}
