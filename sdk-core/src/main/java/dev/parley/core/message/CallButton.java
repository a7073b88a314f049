package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.send.Limits;

/**
 * A button that calls a phone number, in international format with a leading {@code +}. WhatsApp
 * has no call button outside templates; there the number is written into the message body.
 * Immutable and thread-safe.
 */
public record CallButton(String title, String phoneNumber) implements Button {
  public CallButton {
    Limits.requireText("button title", title, 20, "Messenger and WhatsApp");
    Limits.requireText("button phoneNumber", phoneNumber, 20, "Messenger");
    if (!phoneNumber.matches("\\+[0-9]{6,19}")) {
      throw new InvalidRequestException("button phoneNumber " + Limits.quote(phoneNumber)
          + " is not an international number like +15551234567");
    }
  }
}
