package dev.parley.core.message;

import java.util.Locale;

/** Where an order stands, as an {@link OrderUpdate} tells the customer. */
public enum OrderStatus {
  CONFIRMED("confirmed"),
  SHIPPED("shipped"),
  OUT_FOR_DELIVERY("out for delivery"),
  DELIVERED("delivered"),
  DELAYED("delayed"),
  CANCELLED("cancelled"),
  REFUNDED("refunded");

  private final String label;

  OrderStatus(String label) {
    this.label = label;
  }

  /** The status in plain English, lower case: "out for delivery". */
  public String label() {
    return label;
  }

  /** The label with a capital first letter: "Out for delivery". */
  public String title() {
    return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
  }
}
