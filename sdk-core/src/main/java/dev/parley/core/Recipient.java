package dev.parley.core;

import java.util.Objects;

/**
 * A customer on one channel, as seen from one of the merchant's accounts: the channel, the business
 * account that talks ({@code businessId}: a Messenger page id, or a WhatsApp phone-number id) and the
 * customer's id there ({@code userId}: a page-scoped id, or a WhatsApp id such as {@code 15551234567}).
 *
 * <p>The same person has a different page-scoped id on every page, so a recipient is always the
 * triple. Recipients are values: equal triples are the same recipient. Thread-safe.
 */
public record Recipient(Channel channel, String businessId, String userId) {

  public Recipient {
    Objects.requireNonNull(channel, "channel");
    requireId("businessId", businessId);
    requireId("userId", userId);
  }

  /** A customer of a Messenger page, by page-scoped id (PSID). */
  public static Recipient messenger(String pageId, String psid) {
    return new Recipient(Channel.MESSENGER, pageId, psid);
  }

  /** A customer of a WhatsApp business number, by WhatsApp id (the phone number without {@code +}). */
  public static Recipient whatsApp(String phoneNumberId, String waId) {
    return new Recipient(Channel.WHATSAPP, phoneNumberId, waId);
  }

  /** A stable text key, {@code channel:businessId:userId}, for maps, logs and database keys. */
  public String key() {
    return channel.name().toLowerCase(java.util.Locale.ROOT) + ':' + businessId + ':' + userId;
  }

  private static void requireId(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
    }
    if (value.length() > 128 || !plainId(value)) {
      throw new InvalidRequestException(
          field + " '" + abbreviate(value) + "' is not an id: at most 128 characters, no ':' and no whitespace");
    }
  }

  /** No ':' and no whitespace; a plain loop, as every send builds recipients. */
  private static boolean plainId(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 39) + "…";
  }
}
