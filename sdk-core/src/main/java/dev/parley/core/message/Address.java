package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;

/**
 * A shipping address on a {@link Receipt}; {@code street2} and {@code state} may be null (Messenger
 * wants a state: an empty one is sent when absent). Immutable and thread-safe.
 */
public record Address(String street1, String street2, String city, String postalCode, String state, String country) {
  public Address {
    Limits.requireText("address street1", street1, 200, "Messenger");
    Limits.optionalText("address street2", street2, 200, "Messenger");
    Limits.requireText("address city", city, 100, "Messenger");
    Limits.requireText("address postalCode", postalCode, 20, "Messenger");
    Limits.optionalText("address state", state, 100, "Messenger");
    Limits.requireText("address country", country, 100, "Messenger");
  }
}
