package dev.parley.core.internal.webhook;

import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Recipient;
import dev.parley.core.webhook.EventEnvelope;
import dev.parley.core.webhook.UnknownEvent;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of items the parsers cannot read: an {@link UnknownEvent} keeping the raw JSON, from
 * the customer if the item names one, else from the business itself (the convention for events
 * about no customer). Only an item without even a usable business id is dropped, with a warning.
 */
final class Fallbacks {

  private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

  private Fallbacks() {}

  /** The customer, or the business as its own counterpart, or null when neither id is usable. */
  static Recipient recipientOrBusiness(Channel channel, String businessId, String userId) {
    try {
      return new Recipient(channel, businessId, userId);
    } catch (InvalidRequestException | NullPointerException e) {
      try {
        return new Recipient(channel, businessId, businessId);
      } catch (InvalidRequestException | NullPointerException again) {
        return null;
      }
    }
  }

  /** An unknown event with a {@code raw:} key over {@code itemJson}, or null (logged) if no recipient can be named. */
  static UnknownEvent unknown(
      Channel channel, String businessId, String userId, Instant at, String kind, String itemJson, boolean standby, String raw,
      RuntimeException cause) {
    Recipient from = recipientOrBusiness(channel, businessId, userId);
    if (from == null) {
      log.warn("{} webhook item dropped: no usable business id ({})", channel, cause == null ? kind : cause.getMessage());
      return null;
    }
    if (cause != null) {
      log.warn("{} webhook item could not be read and is passed on as an unknown event: {}", channel, cause.toString());
    }
    return new UnknownEvent(new EventEnvelope(from, at, "raw:" + Json.hash(itemJson), standby, null, raw), kind);
  }
}
