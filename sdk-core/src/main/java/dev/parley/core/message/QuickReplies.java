package dev.parley.core.message;

import dev.parley.core.internal.send.Limits;
import java.util.List;

/**
 * A question with one to 13 quick replies (Messenger's limit). WhatsApp has no quick replies: up to
 * 3 become reply buttons, up to 10 a list; more fail when sent there. Immutable and thread-safe.
 */
public record QuickReplies(String text, List<QuickReply> replies) implements Message {
  public QuickReplies {
    Limits.requireText("quick replies text", text, 2000, "Messenger");
    Limits.requireCount("quick replies", replies, 1, 13, "Messenger");
    replies = List.copyOf(replies);
  }

  public static QuickReplies of(String text, QuickReply... replies) {
    return new QuickReplies(text, List.of(replies));
  }
}
