package dev.parley.bot;

import dev.parley.core.message.Buttons;
import dev.parley.core.message.Carousel;
import dev.parley.core.message.Media;
import dev.parley.core.message.Message;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.Text;
import dev.parley.core.message.WhatsAppTemplate;
import dev.parley.core.webhook.Attachment;
import dev.parley.core.webhook.ButtonReply;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.ListReply;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.OrderPlaced;
import dev.parley.core.webhook.Postback;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The one-line text a transcript shows for a message, in or out. */
final class Summaries {
  private static final int MAX = 2000;

  private Summaries() {}

  static String of(Message message) {
    String summary;
    if (message instanceof Text text) {
      summary = text.text();
    } else if (message instanceof QuickReplies quick) {
      summary = quick.text() + " " + quick.replies().stream().map(QuickReply::title).collect(Collectors.joining(" | ", "[", "]"));
    } else if (message instanceof Buttons buttons) {
      summary = buttons.text() + " " + buttons.buttons().stream().map(b -> b.title()).collect(Collectors.joining(" | ", "[", "]"));
    } else if (message instanceof Media media) {
      summary = "[" + media.type().name().toLowerCase(java.util.Locale.ROOT) + "]";
    } else if (message instanceof Carousel carousel) {
      summary = "[carousel of " + carousel.cards().size() + "]";
    } else if (message instanceof Receipt) {
      summary = "[receipt]";
    } else if (message instanceof OrderUpdate) {
      summary = "[order update]";
    } else if (message instanceof WhatsAppTemplate template) {
      summary = "[template " + template.name() + "]";
    } else if (message instanceof RawMessage) {
      summary = "[raw message]";
    } else {
      summary = "[" + message.getClass().getSimpleName() + "]";
    }
    return cut(summary);
  }

  /** A transcript line for what the customer sent; null for events that are not a message. */
  static String of(InboundEvent event) {
    if (event instanceof MessageReceived message) {
      List<String> parts = new ArrayList<>();
      if (message.text() != null) {
        parts.add(message.text());
      }
      for (Attachment attachment : message.attachments()) {
        parts.add("[" + attachment.type() + "]" + (attachment.caption() != null ? " " + attachment.caption() : ""));
      }
      return cut(parts.isEmpty() ? "[message]" : String.join(" ", parts));
    }
    if (event instanceof Postback postback) {
      return cut("[tapped] " + (postback.title() != null ? postback.title() : String.valueOf(postback.payload())));
    }
    if (event instanceof ButtonReply button) {
      return cut("[tapped] " + (button.title() != null ? button.title() : String.valueOf(button.payload())));
    }
    if (event instanceof ListReply row) {
      return cut("[picked] " + (row.title() != null ? row.title() : row.rowId()));
    }
    if (event instanceof OrderPlaced order) {
      return cut("[order] " + order.items().size() + " items" + (order.note() != null ? ": " + order.note() : ""));
    }
    return null;
  }

  /** The platform message id of an inbound message, for the history's dedup; null when it has none. */
  static String messageId(InboundEvent event) {
    if (event instanceof MessageReceived message) {
      return message.messageId();
    }
    if (event instanceof Postback postback) {
      return postback.messageId();
    }
    if (event instanceof ButtonReply button) {
      return button.messageId();
    }
    if (event instanceof ListReply row) {
      return row.messageId();
    }
    if (event instanceof OrderPlaced order) {
      return order.messageId();
    }
    return null;
  }

  private static String cut(String text) {
    return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
  }
}
