package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.internal.send.Limits;
import java.util.Objects;

/**
 * One line of a {@link Receipt}: title, optional subtitle and image, quantity (at least 1) and the
 * line's price (exact {@link Money}). Immutable and thread-safe.
 */
public record ReceiptItem(String title, String subtitle, int quantity, Money price, String imageUrl) {
  public ReceiptItem {
    Limits.requireText("receipt item title", title, 80, "Messenger");
    Limits.optionalText("receipt item subtitle", subtitle, 80, "Messenger");
    Objects.requireNonNull(price, "receipt item price");
    if (quantity < 1) {
      throw new InvalidRequestException("receipt item quantity " + quantity + " for " + Limits.quote(title) + " must be at least 1");
    }
    Limits.optionalUrl("receipt item imageUrl", imageUrl, 2000, "Messenger");
  }

  public static ReceiptItem of(String title, int quantity, Money price) {
    return new ReceiptItem(title, null, quantity, price, null);
  }
}
