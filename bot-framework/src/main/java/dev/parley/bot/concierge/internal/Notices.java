package dev.parley.bot.concierge.internal;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Message;
import dev.parley.core.message.Text;
import dev.parley.core.outbox.Outbox;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Tells a customer something from outside a bot turn (a task changed, a person joined): the
 * message goes through the bot's outbox under a dedup key, so it is sent once even when the caller
 * retries, and is added to the conversation's history so agents see it in the transcript. Public
 * for wiring inside the bot framework only; not an API. Stateless, thread-safe.
 */
public final class Notices {
  private Notices() {}

  /** Enqueues {@code message} unless {@code dedupKey} was enqueued before; returns true if it was new. */
  public static boolean tell(Outbox outbox, ConversationStore conversations, Recipient to, Message message,
      String dedupKey, Instant at) {
    if (conversations.outbox().findByDedupKey(dedupKey).isPresent()) {
      return false;
    }
    outbox.enqueue(to, message, dedupKey);
    conversations.append(NewMessage.outbound(to, Author.bot(), summary(message), null, null, at));
    return true;
  }

  /** The message as a transcript line. */
  public static String summary(Message message) {
    if (message instanceof Text text) {
      return text.text();
    }
    if (message instanceof Buttons buttons) {
      return buttons.text() + " " + buttons.buttons().stream().map(b -> "[" + b.title() + "]")
          .collect(Collectors.joining(" "));
    }
    return "[" + message.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "]";
  }
}
