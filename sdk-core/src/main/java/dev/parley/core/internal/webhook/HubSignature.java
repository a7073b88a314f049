package dev.parley.core.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signatures: {@code sha256=<hex>} (X-Hub-Signature-256) and the legacy
 * {@code sha1=<hex>} (X-Hub-Signature), an HMAC of the raw body keyed by the app secret. Meta signs
 * the bytes it sends, in which non-ASCII text is escaped ({@code \u00e4}); hash exactly those bytes.
 * Thread-safe: a fresh {@link Mac} per call.
 */
public final class HubSignature {

  /** The algorithm of a signature header. */
  public enum Algorithm {
    SHA256("HmacSHA256", "sha256="),
    SHA1("HmacSHA1", "sha1=");

    private final String jcaName;
    private final String prefix;

    Algorithm(String jcaName, String prefix) {
      this.jcaName = jcaName;
      this.prefix = prefix;
    }
  }

  private final byte[] key;

  public HubSignature(String appSecret) {
    if (appSecret == null || appSecret.isBlank()) {
      throw new IllegalArgumentException("app secret must not be blank");
    }
    this.key = appSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** The header value for {@code body}: {@code sha256=<lowercase hex>} or {@code sha1=<lowercase hex>}. */
  public String header(Algorithm algorithm, byte[] body) {
    return algorithm.prefix + HexFormat.of().formatHex(mac(algorithm, body));
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
    return MessageDigest.isEqual(given, mac(algorithm, body));
  }

  private byte[] mac(Algorithm algorithm, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName);
      mac.init(new SecretKeySpec(key, algorithm.jcaName));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm.jcaName, e);
    }
  }

  @Override
  public String toString() {
    return "HubSignature[appSecret=<redacted>]";
  }
}
