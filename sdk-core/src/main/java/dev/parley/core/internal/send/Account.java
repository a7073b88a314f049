package dev.parley.core.internal.send;

import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One page or number the client sends from, with its access token and, when the app secret is
 * configured, the {@code appsecret_proof} (HMAC-SHA256 of the token keyed by the secret, hex; Meta:
 * graph-api/guides/secure-requests). {@link #toString()} never shows the token.
 *
 * <p>Public for wiring only. Immutable and thread-safe.
 */
public record Account(Channel channel, String businessId, String token, String appSecretProof) {

  public Account {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(businessId, "businessId");
    Objects.requireNonNull(token, "token");
  }

  /** Validates and creates an account without a proof. */
  public static Account of(Channel channel, String businessId, String token) {
    // Meta's page and phone-number ids are numeric (reference platforms.md: POST /{PHONE_NUMBER_ID}/messages).
    if (businessId == null || !businessId.matches("[0-9]{1,64}")) {
      throw new InvalidRequestException(channel + " account id " + Limits.quote(businessId)
          + " is not a page or phone-number id (digits, at most 64 characters)");
    }
    if (token == null || token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidRequestException(channel + " access token for " + businessId
          + " is blank or contains whitespace (value not shown)");
    }
    return new Account(channel, businessId, token, null);
  }

  /** The map key of an account: {@code messenger:<page id>} or {@code whatsapp:<phone-number id>}. */
  public static String key(Channel channel, String businessId) {
    return channel.name().toLowerCase(Locale.ROOT) + ':' + businessId;
  }

  /** This account with the proof for {@code appSecret}, or without one when it is null. */
  public Account withAppSecret(String appSecret) {
    return new Account(channel, businessId, token, appSecret == null ? null : proof(token, appSecret));
  }

  static String proof(String token, String appSecret) {
    return Hmac.sha256(appSecret.getBytes(StandardCharsets.UTF_8)).hex(token.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return key(channel, businessId);
  }
}
