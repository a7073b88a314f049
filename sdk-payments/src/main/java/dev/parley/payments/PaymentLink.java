package dev.parley.payments;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.UrlButton;
import java.time.Instant;
import java.util.Objects;

/**
 * A Stripe Checkout page for one order, ready to put behind a URL button: a Messenger
 * {@code web_url} button, a WhatsApp {@code cta_url} message, or the link under a receipt.
 *
 * @param url the hosted payment page
 * @param label the button title, "Pay €42.00", at most 20 characters (Messenger's and WhatsApp's limit)
 * @param sessionId Stripe's Checkout Session id, {@code cs_...}
 * @param expiresAt when the page stops taking payments
 * @param orderId the order it pays
 * @param amount what the page charges
 */
public record PaymentLink(String url, String label, String sessionId, Instant expiresAt, String orderId, Money amount) {

  /** Messenger button titles and WhatsApp {@code display_text} are at most 20 characters. */
  public static final int MAX_LABEL_LENGTH = 20;

  public PaymentLink {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    if (label == null || label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
      throw new InvalidRequestException("payment button label '" + label + "' is "
          + (label == null ? 0 : label.length()) + " characters; Messenger and WhatsApp allow 1 to " + MAX_LABEL_LENGTH);
    }
  }

  /** The URL button any sdk-core message can carry: {@code Receipt.withButton}, {@code OrderUpdate.withButton}, {@link Buttons}. */
  public UrlButton button() {
    return new UrlButton(label, url);
  }

  /**
   * {@code text} with this payment button under it: Messenger's button template, WhatsApp's
   * {@code cta_url} message. Inside the customer's 24-hour window only; outside it, put the
   * {@link #button()} on an {@code OrderUpdate}.
   */
  public Buttons message(String text) {
    return Buttons.of(text, button());
  }
}
