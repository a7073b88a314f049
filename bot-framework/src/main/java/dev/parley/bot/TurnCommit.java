package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.QueuedReply;
import dev.parley.core.internal.MessageJson;
import dev.parley.core.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What a turn decided, for the store. Its replies become {@link QueuedReply queued replies} that
 * {@link ConversationStore#saveTurn} writes with the turn's state and handled mark (one statement on
 * PostgreSQL): appended to the history and handed to the outbox under keys derived from the turn. Then,
 * in the same hold on the conversation (on a JDBC store, the same transaction: all of it commits or
 * none), {@link #applyOwnerAndReminders} applies the new owner and the reminders.
 *
 * <p>Replies go straight into the store's outbox table rather than through {@code Outbox.enqueue}:
 * the insert must join the turn's transaction (the runtime wakes the outbox worker once it committed,
 * see {@code Outbox.wakeUp}), and a capacity refusal after the state was saved would lose the answer
 * the customer is waiting for.
 */
final class TurnCommit {
  private static final int MAX_DEDUP_KEY = 255;

  private final ConversationStore store;

  TurnCommit(ConversationStore store) {
    this.store = store;
  }

  /** The turn's replies in order, each under a key derived from {@code replyKeyBase} and its place. */
  List<QueuedReply> replies(Turn turn, String replyKeyBase) {
    TurnContext context = turn.context();
    List<Message> replies = turn.replies;
    List<QueuedReply> queued = new ArrayList<>(replies.size());
    for (int i = 0; i < replies.size(); i++) {
      Message reply = replies.get(i);
      String json = MessageJson.toJson(reply);
      // linked: once delivered, the stored reply becomes SENT with the platform's id, and status webhooks find it
      queued.add(new QueuedReply(NewMessage.outbound(context.recipient(), Author.bot(), Summaries.of(reply), json,
          null, context.now()), dedupKey(replyKeyBase, i)));
    }
    return queued;
  }

  /** Applies the owner the turn handed the conversation to and the reminders it set or cancelled. */
  void applyOwnerAndReminders(Turn turn) {
    TurnContext context = turn.context();
    Recipient recipient = context.recipient();
    if (context.newOwner != null) {
      store.assignOwner(recipient, context.newOwner, context.ownerReason, context.now());
    }
    for (TurnContext.ReminderChange change : context.reminders.values()) {
      String key = Reminders.timerKey(recipient, change.name());
      if (change.at() == null) {
        store.cancelTimer(key);
      } else {
        store.schedule(key, recipient, change.at(), Reminders.payload(change.name(), change.data()));
      }
    }
  }

  static String dedupKey(String base, int index) {
    String key = base + ":" + index;
    return key.length() <= MAX_DEDUP_KEY ? key : "bot:sha256:" + Reminders.sha256(base) + ":" + index;
  }
}
