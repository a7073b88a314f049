package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bot turn's round trips on PostgreSQL, fewer: a turn's time on the database is mostly round trips.
 *
 * <p>{@link ConversationStore#withConversation(Recipient, InboundJournal.Entry, java.util.function.BiFunction)
 * The hold with the journal read}: the row lock and the read of where the event stands are two
 * statements sent together, one round trip. Each statement takes its own snapshot when it starts, and
 * the server starts the read only once the lock is granted, so the read sees every turn that ended
 * before the hold began (one statement reading both would see the journal as it was before it waited
 * for the lock).
 *
 * <p>{@link ConversationStore#saveTurn} in one statement: a turn's state, its replies with their
 * outbox entries and its handled mark are one round trip, where separate statements take one each
 * (four for a turn with one reply).
 *
 * <p>The statement's parts are data-modifying {@code WITH} queries. They run in one snapshot, in an
 * order PostgreSQL leaves open unless one reads another, so the order the customer gets the replies
 * in is made by data flow: every part reads the compare-and-set ({@code st}, no row if the version
 * moved, and then nothing is written), and each message and each outbox entry waits for the one
 * before it to be inserted (a gate on its row count, evaluated before its own rows are made), so
 * their ids, which order the history and each recipient's queue, follow the replies.
 */
final class JdbcTurnOnPostgres {
  /** The most replies one statement takes; a turn with more (rare) writes them one by one. */
  static final int MAX_FOLDED = 8;

  /** The lock, then the journal read: two statements, sent together. */
  private static final String LOCK_AND_STANDING = JdbcConversations.LOCK + "; " + JdbcTimersAndJournal.STANDING;

  private static final String[][] SQL = new String[MAX_FOLDED + 1][2];

  static {
    for (int replies = 0; replies <= MAX_FOLDED; replies++) {
      SQL[replies][0] = sql(replies, false);
      SQL[replies][1] = sql(replies, true);
    }
  }

  private JdbcTurnOnPostgres() {}

  /** What the hold's first round trip read: the conversation, now held, and where the event stands. */
  record Held(Conversation conversation, InboundJournal.Standing standing) {}

  /**
   * Locks {@code conversation}'s row in the caller's transaction, makes it the thread's held
   * conversation (until {@link JdbcConversations#release}), and reads where {@code event} stands in
   * the journal, in one round trip; null, with nothing held, if there is no such conversation (then the
   * journal read counts for nothing: it did not wait for a lock).
   */
  static Held lockAndRead(Connection c, JdbcConversations conversations, Recipient conversation,
      InboundJournal.Entry event) throws SQLException {
    try (PreparedStatement both = c.prepareStatement(LOCK_AND_STANDING)) {
      both.setString(1, conversation.key());
      JdbcTimersAndJournal.bindStanding(both, 2, event);
      both.execute();
      Optional<Conversation> locked;
      try (ResultSet rs = both.getResultSet()) {
        locked = conversations.hold(rs);
      }
      try {
        if (!both.getMoreResults()) {
          throw new SQLException("the journal read sent with the lock of " + conversation.key() + " returned nothing");
        }
        try (ResultSet rs = both.getResultSet()) {
          InboundJournal.Standing standing = JdbcTimersAndJournal.standing(rs);
          return locked.map(held -> new Held(held, standing)).orElse(null);
        }
      } catch (SQLException | RuntimeException e) {
        if (locked.isPresent()) {
          conversations.release();
        }
        throw e;
      }
    }
  }

  /** Whether one statement can save a turn with {@code replies}. */
  static boolean folds(List<QueuedReply> replies) {
    return replies.size() <= MAX_FOLDED;
  }

  /**
   * Saves the turn in the caller's transaction and tells the thread's hold on the conversation, if any,
   * what it wrote; empty (nothing written) if the state version is no longer {@code expectedVersion}.
   */
  static Optional<ConversationState> save(Connection c, JdbcConversations conversations, Recipient conversation,
      long expectedVersion, String data, List<QueuedReply> replies, String handledEventKey) throws SQLException {
    conversations.ensureExists(c, conversation);
    Instant lastAt = null;
    for (QueuedReply reply : replies) {
      Instant at = Timestamps.micros(reply.message().at());
      lastAt = lastAt == null || at.isAfter(lastAt) ? at : lastAt;
    }
    try (PreparedStatement save = c.prepareStatement(SQL[replies.size()][handledEventKey == null ? 0 : 1])) {
      int i = 1;
      save.setLong(i++, expectedVersion + 1);
      save.setString(i++, data);
      if (lastAt != null) {
        setInstant(save, i++, lastAt);
        setInstant(save, i++, lastAt);
      }
      save.setString(i++, conversation.key());
      save.setLong(i++, expectedVersion);
      for (QueuedReply reply : replies) {
        NewMessage message = reply.message();
        Instant at = Timestamps.micros(message.at());
        i = JdbcHistory.bindMessage(save, i, message, message.initialStatus(), at);
        i = JdbcOutboxStore.bindNew(save, i, reply.dedupKey(), conversation, message.json(), at);
      }
      if (handledEventKey != null) {
        save.setString(i, handledEventKey);
      }
      try (ResultSet rs = save.executeQuery()) {
        rs.next();
        if (rs.getInt(1) != 1) {
          return Optional.empty();
        }
      }
    }
    ConversationState saved = new ConversationState(expectedVersion + 1, data);
    conversations.heldState(conversation, saved);
    if (lastAt != null) {
      conversations.heldMessageTime(conversation, lastAt, false);
    }
    return Optional.of(saved);
  }

  private static String sql(int replies, boolean handled) {
    StringBuilder sql = new StringBuilder("WITH st AS (UPDATE parley_conversation SET state_version = ?,"
        + " state_data = ?");
    if (replies > 0) {
      sql.append(", last_message_at = CASE WHEN last_message_at IS NULL OR last_message_at < ? THEN ?"
          + " ELSE last_message_at END");
    }
    sql.append(" WHERE recipient_key = ? AND state_version = ? RETURNING customer_id)");
    for (int r = 0; r < replies; r++) {
      sql.append(", m").append(r).append(" AS (INSERT INTO parley_message (").append(JdbcHistory.INSERT_COLUMNS)
          .append(") SELECT customer_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM st");
      gate(sql, r == 0 ? null : "m" + (r - 1));
      sql.append(" RETURNING id)");
      sql.append(", o").append(r).append(" AS (INSERT INTO parley_outbox (").append(JdbcOutboxStore.INSERT_COLUMNS)
          .append(") SELECT ").append(JdbcOutboxStore.NEW_VALUES).append(", id FROM m").append(r);
      gate(sql, r == 0 ? null : "o" + (r - 1));
      sql.append(" ON CONFLICT DO NOTHING RETURNING id)");
    }
    if (handled) {
      sql.append(", handled AS (UPDATE parley_inbound_event SET handled = TRUE WHERE event_key = ?"
          + " AND EXISTS (SELECT 1 FROM st))");
    }
    // Every data-modifying part runs to completion whether the main query reads it or not.
    return sql.append(" SELECT count(*) FROM st").toString();
  }

  /** Holds a part back until {@code previous}, the part before it in the replies' order, has run. */
  private static void gate(StringBuilder sql, String previous) {
    if (previous != null) {
      sql.append(" WHERE (SELECT count(*) FROM ").append(previous).append(") >= 0");
    }
  }
}
