package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.internal.MessageJson;
import dev.parley.core.message.Message;
import dev.parley.core.outbox.OutboxStore;
import java.util.List;

/**
 * Applies what a turn decided, after its state was saved and in the same hold on the conversation (on
 * a JDBC store, the same transaction: all of it commits or none): the new owner, the reminders, the
 * replies appended to the history and handed to the outbox under keys derived from the turn.
 *
 * <p>Replies go straight into the store's outbox table rather than through {@code Outbox.enqueue}:
 * the insert must join the turn's transaction, waking the outbox worker before the commit is useless
 * (it cannot see the rows yet; it finds them at its next poll), and a capacity refusal after the state
 * was saved would lose the answer the customer is waiting for.
 */
final class TurnCommit {
  private static final int MAX_DEDUP_KEY = 255;

  private final ConversationStore store;
  private final OutboxStore outbox;

  TurnCommit(ConversationStore store) {
    this.store = store;
    this.outbox = store.outbox();
  }

  void apply(Turn turn, String replyKeyBase) {
    TurnContext context = turn.context();
    Recipient recipient = context.recipient();
    if (context.newOwner != null) {
      store.assignOwner(recipient, context.newOwner, context.ownerReason, context.now());
    }
    for (TurnContext.ReminderChange change : context.reminders) {
      String key = Reminders.timerKey(recipient, change.name());
      if (change.at() == null) {
        store.cancelTimer(key);
      } else {
        store.schedule(key, recipient, change.at(), Reminders.payload(change.name(), change.data()));
      }
    }
    List<Message> replies = turn.replies;
    for (int i = 0; i < replies.size(); i++) {
      Message reply = replies.get(i);
      String json = MessageJson.toJson(reply);
      store.append(NewMessage.outbound(recipient, Author.bot(), Summaries.of(reply), json, null, context.now()));
      outbox.enqueue(recipient, json, dedupKey(replyKeyBase, i), context.now());
    }
  }

  static String dedupKey(String base, int index) {
    String key = base + ":" + index;
    return key.length() <= MAX_DEDUP_KEY ? key : "bot:sha256:" + Reminders.sha256(base) + ":" + index;
  }
}
