package dev.parley.core.internal.webhook;

import dev.parley.core.Channel;
import dev.parley.core.Recipient;

/**
 * The recipients of one webhook entry: the last one built is reused while the ids repeat, as they
 * do in a batch from one customer, so its ids are checked once instead of once per event. Throws
 * for bad ids exactly as {@link Recipient}'s constructor does. Not thread-safe; one per entry.
 */
final class Recipients {

  private final Channel channel;
  private Recipient last;

  Recipients(Channel channel) {
    this.channel = channel;
  }

  Recipient of(String businessId, String userId) {
    Recipient previous = last;
    if (previous != null && previous.businessId().equals(businessId) && previous.userId().equals(userId)) {
      return previous;
    }
    last = new Recipient(channel, businessId, userId);
    return last;
  }
}
