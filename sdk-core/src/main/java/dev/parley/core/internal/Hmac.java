package dev.parley.core.internal;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC keyed once: webhook signatures ({@code X-Hub-Signature-256}, the legacy SHA1 header) and
 * the Graph API's {@code appsecret_proof}. The key is expanded once at construction; every call
 * works on a clone of that initialised {@link Mac}, which costs less than looking the algorithm up
 * and keying it again. The key never reaches {@link #toString()} or an exception message.
 *
 * <p>Public for wiring only. Thread-safe.
 */
public final class Hmac {

  private final String algorithm;
  private final byte[] key;
  /** Initialised and never updated; only cloned. Null when the provider's Mac cannot be cloned. */
  private final Mac prototype;
  /**
   * A keyed Mac left by the last call, taken by the next: calls one after another (a webhook
   * endpoint's usual traffic) share one Mac instead of cloning the prototype each time (the clone was
   * about half of a webhook signature check's CPU time); concurrent calls clone.
   */
  private final AtomicReference<Mac> spare = new AtomicReference<>();

  private Hmac(String algorithm, byte[] key) {
    this.algorithm = algorithm;
    this.key = key.clone();
    Mac initialised = newMac();
    Mac prototype;
    try {
      prototype = (Mac) initialised.clone();
    } catch (CloneNotSupportedException e) {
      prototype = null;
    }
    this.prototype = prototype;
  }

  /** HMAC-SHA256 keyed by {@code key}; throws {@link IllegalArgumentException} for an empty key. */
  public static Hmac sha256(byte[] key) {
    return new Hmac("HmacSHA256", key);
  }

  /** HMAC-SHA1 keyed by {@code key}; throws {@link IllegalArgumentException} for an empty key. */
  public static Hmac sha1(byte[] key) {
    return new Hmac("HmacSHA1", key);
  }

  /** The HMAC of {@code data}. */
  public byte[] digest(byte[] data) {
    Mac mac = spare.getAndSet(null);
    if (mac == null) {
      mac = mac();
    }
    byte[] digest = mac.doFinal(data); // doFinal leaves the Mac keyed and empty, as cloned
    spare.set(mac);
    return digest;
  }

  /** The HMAC of {@code data} as lowercase hex. */
  public String hex(byte[] data) {
    return HexFormat.of().formatHex(digest(data));
  }

  private Mac mac() {
    if (prototype == null) {
      return newMac();
    }
    try {
      // Cloning only reads the prototype; the lock keeps that true whatever the provider does.
      synchronized (prototype) {
        return (Mac) prototype.clone();
      }
    } catch (CloneNotSupportedException e) {
      return newMac();
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return "Hmac[" + algorithm + ", key=<redacted>]";
  }
}
