package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;

/**
 * A button that opens a web page: a tracking page, or a payment page such as a Stripe Checkout
 * link ("Pay €42.00"). Receipts and order updates can carry one. Immutable and thread-safe.
 */
public record UrlButton(String title, String url) implements Button {
  public UrlButton {
    Limits.requireText("button title", title, 20, "Messenger and WhatsApp");
    Limits.requireUrl("button url", url, 2000, "Messenger and WhatsApp");
  }
}
