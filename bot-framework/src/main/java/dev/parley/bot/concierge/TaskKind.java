package dev.parley.bot.concierge;

import java.util.Locale;

/** What a concierge task is about. The wire name ({@link #wireName()}) is the lower-case name. */
public enum TaskKind {
  RESERVATION,
  PURCHASE,
  GIFT,
  DELIVERY_PROBLEM,
  RETURN,
  OTHER;

  /** {@code "delivery_problem"}: the name used in JSON and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code name} (any case, {@code -} or {@code _}), or an exception listing the kinds. */
  public static TaskKind fromWireName(String name) {
    if (name != null) {
      String normalised = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
      for (TaskKind kind : values()) {
        if (kind.name().equals(normalised)) {
          return kind;
        }
      }
    }
    throw new IllegalArgumentException("task kind '" + name + "' is not one of reservation, purchase, gift, "
        + "delivery_problem, return, other");
  }
}
