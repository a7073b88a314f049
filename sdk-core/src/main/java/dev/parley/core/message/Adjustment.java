package dev.parley.core.message;

import dev.parley.core.Money;
import dev.parley.core.internal.send.Limits;
import java.util.Objects;

/** A named adjustment of a {@link Receipt}, usually a discount: "Welcome coupon", EUR -5.00. Immutable and thread-safe. */
public record Adjustment(String name, Money amount) {
  public Adjustment {
    Limits.requireText("adjustment name", name, 80, "Messenger");
    Objects.requireNonNull(amount, "adjustment amount");
  }
}
