package dev.parley.core.message;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.send.Limits;
import java.util.List;

/**
 * One card of a {@link Carousel}: a title (at most 80 characters) and at least one of subtitle
 * (at most 80), image URL and buttons (at most 3). Immutable and thread-safe.
 */
public record Card(String title, String subtitle, String imageUrl, List<Button> buttons) {
  public Card {
    Limits.requireText("card title", title, 80, "Messenger");
    Limits.optionalText("card subtitle", subtitle, 80, "Messenger");
    Limits.optionalUrl("card imageUrl", imageUrl, 2000, "Messenger");
    buttons = buttons == null ? List.of() : List.copyOf(buttons);
    Limits.requireCount("card buttons", buttons, 0, 3, "Messenger");
    if (subtitle == null && imageUrl == null && buttons.isEmpty()) {
      throw new InvalidRequestException("card " + Limits.quote(title)
          + " needs a subtitle, an image or a button besides its title; Messenger requires one");
    }
  }

  public static Card of(String title, String subtitle, String imageUrl, Button... buttons) {
    return new Card(title, subtitle, imageUrl, List.of(buttons));
  }
}
