package dev.parley.bot.concierge;

import dev.parley.core.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment link a {@link PaymentDesk} created for an amount: the desk sends it to the customer as
 * a URL button ("Pay €42.00"). Values, thread-safe.
 *
 * @param orderId the order created for the payment
 * @param url the checkout page
 * @param amount the amount to pay
 * @param expiresAt when the link stops working, or null
 */
public record PaymentLink(String orderId, String url, Money amount, Instant expiresAt) {

  public PaymentLink {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalArgumentException("payment url must be http(s), got '" + url + "'");
    }
    Objects.requireNonNull(amount, "amount");
  }
}
