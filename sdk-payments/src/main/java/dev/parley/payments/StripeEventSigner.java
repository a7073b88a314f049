package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads the way Stripe does, for tests and sandboxes that play Stripe:
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">}, keyed with the
 * UTF-8 bytes of the whole {@code whsec_...} secret.
 *
 * <pre>{@code
 * StripeEventSigner signer = new StripeEventSigner("whsec_test_secret");
 * Response r = webhook.handle(signer.headers(payload, Instant.now()), payload.getBytes(UTF_8));
 * }</pre>
 *
 * Immutable and thread-safe. The secret never appears in {@link #toString()}.
 */
public final class StripeEventSigner {
  private final byte[] key;

  public StripeEventSigner(String signingSecret) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new InvalidRequestException("signing secret must not be blank");
    }
    this.key = signingSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code Stripe-Signature} header value for {@code payload} sent at {@code timestamp}. */
  public String signatureHeader(String payload, Instant timestamp) {
    long seconds = timestamp.getEpochSecond();
    return "t=" + seconds + ",v1=" + hmac(seconds + "." + payload);
  }

  /** Request headers carrying the signature and a JSON content type, ready for {@link StripeWebhookHandler#handle}. */
  public Map<String, List<String>> headers(String payload, Instant timestamp) {
    return Map.of(
        "Stripe-Signature", List.of(signatureHeader(payload, timestamp)),
        "Content-Type", List.of("application/json; charset=utf-8"));
  }

  private String hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "StripeEventSigner{secret=****}";
  }
}
