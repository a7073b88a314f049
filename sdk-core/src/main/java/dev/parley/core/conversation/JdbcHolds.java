package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@link ConversationStore#withConversation} on a JDBC store: the conversation's row locked in a
 * transaction bound to the thread, what the lock read kept for the turn's next calls, and, for a turn
 * that runs its events in order, where its event stands in the journal read once the lock is granted.
 * Thread-safe.
 */
final class JdbcHolds {
  private final JdbcTransactions transactions;
  private final JdbcConversations conversations;
  private final JdbcTimersAndJournal journal;
  private final SqlDialect dialect;

  JdbcHolds(JdbcTransactions transactions, JdbcConversations conversations, JdbcTimersAndJournal journal,
      SqlDialect dialect) {
    this.transactions = transactions;
    this.conversations = conversations;
    this.journal = journal;
    this.dialect = dialect;
  }

  /**
   * Runs {@code work} holding {@code conversation}, created if new; with {@code event}, gives it where
   * the event stands, read under the lock (in the lock's round trip on PostgreSQL), else null. One
   * round trip for a known conversation: the lock's read also brings the state the turn reads next.
   */
  <T> T hold(Recipient conversation, InboundJournal.Entry event,
      BiFunction<Conversation, InboundJournal.Standing, T> work) {
    return transactions.holding("hold conversation", c -> {
      Optional<Conversation> locked;
      InboundJournal.Standing standing = null;
      if (event != null && dialect == SqlDialect.POSTGRESQL) {
        JdbcTurnOnPostgres.Held held = JdbcTurnOnPostgres.lockAndRead(c, conversations, conversation, event);
        locked = Optional.ofNullable(held).map(JdbcTurnOnPostgres.Held::conversation);
        standing = held == null ? null : held.standing();
      } else {
        locked = conversations.lockAndHold(c, conversation);
      }
      if (locked.isEmpty()) {
        conversations.ensure(c, conversation);
        locked = conversations.lockAndHold(c, conversation);
      }
      Conversation held = locked.orElseThrow(() ->
          new IllegalStateException("conversation " + conversation.key() + " was erased while being taken"));
      try {
        if (event != null && standing == null) {
          standing = journal.standing(event); // joins the bound transaction, under the lock
        }
        return work.apply(held, standing);
      } finally {
        conversations.release();
      }
    });
  }
}
