package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;
import java.util.List;

/**
 * Text with one to three buttons. The text is at most 1,024 characters (WhatsApp's interactive
 * body); Messenger's button template takes 640, checked when sent there. Immutable and thread-safe.
 */
public record Buttons(String text, List<Button> buttons) implements Message {
  public Buttons {
    Limits.requireText("button message text", text, 1024, "WhatsApp");
    Limits.requireCount("buttons", buttons, 1, 3, "Messenger and WhatsApp");
    buttons = List.copyOf(buttons);
  }

  public static Buttons of(String text, Button... buttons) {
    return new Buttons(text, List.of(buttons));
  }
}
