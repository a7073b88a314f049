package dev.parley.core.internal.webhook;

import dev.parley.core.internal.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Meta's webhook signatures: {@code sha256=<hex>} (X-Hub-Signature-256) and the legacy
 * {@code sha1=<hex>} (X-Hub-Signature), an HMAC of the raw body keyed by the app secret. Meta signs
 * the bytes it sends, in which non-ASCII text is escaped ({@code \u00e4}); hash exactly those bytes.
 * Thread-safe; the secret is keyed once per algorithm ({@link Hmac}).
 */
public final class HubSignature {

  /** The algorithm of a signature header. */
  public enum Algorithm {
    SHA256("sha256="),
    SHA1("sha1=");

    private final String prefix;

    Algorithm(String prefix) {
      this.prefix = prefix;
    }
  }

  private final Hmac sha256;
  private final Hmac sha1;

  public HubSignature(String appSecret) {
    if (appSecret == null || appSecret.isBlank()) {
      throw new IllegalArgumentException("app secret must not be blank");
    }
    byte[] key = appSecret.getBytes(StandardCharsets.UTF_8);
    this.sha256 = Hmac.sha256(key);
    this.sha1 = Hmac.sha1(key);
  }

  /** The header value for {@code body}: {@code sha256=<lowercase hex>} or {@code sha1=<lowercase hex>}. */
  public String header(Algorithm algorithm, byte[] body) {
    return algorithm.prefix + hmac(algorithm).hex(body);
  }

  /**
   * True if {@code headerValue} is a well-formed signature of {@code body}. The digests are compared
   * in constant time; the hex may be upper or lower case. Null or malformed headers never match.
   */
  public boolean matches(Algorithm algorithm, String headerValue, byte[] body) {
    if (headerValue == null) {
      return false;
    }
    String value = headerValue.trim();
    if (!value.regionMatches(true, 0, algorithm.prefix, 0, algorithm.prefix.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(value.substring(algorithm.prefix.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, hmac(algorithm).digest(body));
  }

  private Hmac hmac(Algorithm algorithm) {
    return algorithm == Algorithm.SHA256 ? sha256 : sha1;
  }

  @Override
  public String toString() {
    return "HubSignature[appSecret=<redacted>]";
  }
}
