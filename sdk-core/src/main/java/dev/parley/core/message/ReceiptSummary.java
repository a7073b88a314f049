package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The totals of a {@link Receipt}: the required total cost and optional subtotal, shipping and tax,
 * all in one currency. Immutable and thread-safe.
 */
public record ReceiptSummary(Money subtotal, Money shippingCost, Money totalTax, Money totalCost) {
  public ReceiptSummary {
    Objects.requireNonNull(totalCost, "receipt summary totalCost");
    Stream.of(subtotal, shippingCost, totalTax).filter(Objects::nonNull).forEach(money -> {
      if (!money.currency().equals(totalCost.currency())) {
        throw new InvalidRequestException("receipt summary mixes " + money + " with total " + totalCost
            + "; a receipt has one currency");
      }
    });
  }

  /** A summary with only the total. */
  public static ReceiptSummary total(Money totalCost) {
    return new ReceiptSummary(null, null, null, totalCost);
  }
}
