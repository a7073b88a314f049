package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.instant;
import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Durable timers and the webhook journal of the JDBC store: the two tables claimed by key. Thread-safe. */
final class JdbcTimersAndJournal {
  /** {@link #standing}'s statement; {@link #bindStanding} binds its five parameters. */
  static final String STANDING = "SELECT 1 AS own, event_key, recipient_key, occurred_at,"
      + " NULL AS raw_json, handled FROM parley_inbound_event WHERE event_key = ?"
      + " UNION ALL (SELECT 0 AS own, event_key, recipient_key, occurred_at, raw_json, handled"
      + " FROM parley_inbound_event WHERE recipient_key = ? AND handled = FALSE AND (occurred_at < ?"
      + " OR (occurred_at = ? AND recorded_seq < COALESCE((SELECT e.recorded_seq FROM parley_inbound_event e"
      + " WHERE e.event_key = ?), " + Long.MAX_VALUE + ")))"
      + " ORDER BY occurred_at, recorded_seq LIMIT 1)";

  private static final String TIMER_COLUMNS = "timer_key, recipient_key, due_at, payload, claim_token";

  private final JdbcTransactions transactions;
  private final JdbcConversations conversations;
  private final SqlDialect dialect;
  private final Clock clock;

  JdbcTimersAndJournal(JdbcTransactions transactions, JdbcConversations conversations, SqlDialect dialect,
      Clock clock) {
    this.transactions = transactions;
    this.conversations = conversations;
    this.dialect = dialect;
    this.clock = clock;
  }

  ConversationTimer schedule(ConversationTimer timer) {
    return transactions.inTransaction("schedule timer", c -> {
      conversations.ensure(c, timer.conversation());
      // Update, else insert; a concurrent insert of the same key makes ours a no-op, so update again.
      for (int attempt = 0; attempt < 3; attempt++) {
        if (updateTimer(c, timer) == 1 || insertTimer(c, timer) == 1) {
          return timer;
        }
      }
      throw new IllegalStateException("timer " + timer.key() + " is being rescheduled concurrently");
    });
  }

  private static int updateTimer(Connection c, ConversationTimer timer) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE parley_timer SET recipient_key = ?, due_at = ?, payload = ?,"
        + " claim_token = NULL, claimed_until = NULL WHERE timer_key = ?")) {
      update.setString(1, timer.conversation().key());
      setInstant(update, 2, timer.dueAt());
      update.setString(3, timer.payload());
      update.setString(4, timer.key());
      return update.executeUpdate();
    }
  }

  private static int insertTimer(Connection c, ConversationTimer timer) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO parley_timer (timer_key, recipient_key, due_at,"
        + " payload) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, timer.key());
      insert.setString(2, timer.conversation().key());
      setInstant(insert, 3, timer.dueAt());
      insert.setString(4, timer.payload());
      return insert.executeUpdate();
    }
  }

  boolean cancel(String key) {
    Objects.requireNonNull(key, "key");
    return transactions.inTransaction("cancel timer",
        c -> JdbcConversationStore.update(c, "DELETE FROM parley_timer WHERE timer_key = ?", key) > 0);
  }

  Optional<ConversationTimer> findTimer(String key) {
    Objects.requireNonNull(key, "key");
    return transactions.inTransaction("find timer", c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT " + TIMER_COLUMNS + " FROM parley_timer WHERE timer_key = ?")) {
        select.setString(1, key);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? Optional.of(toTimer(rs)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Selects due timers not held by a live claim with a row lock (skipping those another node is
   * claiming or completing, on PostgreSQL) and gives each a claim token and a lease end in the same
   * transaction: a timer is handed to one claimant at a time.
   */
  List<ConversationTimer> claimDue(Instant now, Duration lease, int limit) {
    Objects.requireNonNull(now, "now");
    StoreArguments.checkLease(lease);
    StoreArguments.checkLimit(limit);
    return transactions.inTransaction("claim timers", c -> {
      List<ConversationTimer> due = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT " + TIMER_COLUMNS + " FROM parley_timer"
          + " WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
          + " ORDER BY due_at, timer_key LIMIT ?" + dialect.lockForClaim())) {
        setInstant(select, 1, now);
        setInstant(select, 2, now);
        select.setInt(3, limit);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            due.add(toTimer(rs));
          }
        }
      }
      List<ConversationTimer> claimed = new ArrayList<>();
      for (ConversationTimer timer : due) {
        String token = UUID.randomUUID().toString();
        try (PreparedStatement update = c.prepareStatement(
            "UPDATE parley_timer SET claim_token = ?, claimed_until = ? WHERE timer_key = ?")) {
          update.setString(1, token);
          setInstant(update, 2, now.plus(lease));
          update.setString(3, timer.key());
          if (update.executeUpdate() == 1) {
            claimed.add(timer.claimedWith(token));
          }
        }
      }
      return claimed;
    });
  }

  boolean complete(String key, String claimToken) {
    Objects.requireNonNull(key, "key");
    if (claimToken == null) {
      return false;
    }
    return transactions.inTransaction("complete timer", c -> {
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM parley_timer WHERE timer_key = ? AND claim_token = ?")) {
        delete.setString(1, key);
        delete.setString(2, claimToken);
        return delete.executeUpdate() == 1;
      }
    });
  }

  private static ConversationTimer toTimer(ResultSet rs) throws SQLException {
    return new ConversationTimer(rs.getString("timer_key"), JdbcColumns.recipient(rs, "recipient_key"),
        instant(rs, "due_at"), rs.getString("payload"), rs.getString("claim_token"));
  }

  boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson) {
    StoreArguments.checkEventKey(eventKey);
    Instant at = occurredAt != null ? occurredAt : clock.instant();
    return transactions.inTransaction("record webhook event", c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO parley_inbound_event (event_key,"
          + " recipient_key, occurred_at, raw_json, handled) VALUES (?, ?, ?, ?, FALSE) ON CONFLICT DO NOTHING")) {
        insert.setString(1, eventKey);
        insert.setString(2, from == null ? null : from.key());
        setInstant(insert, 3, at);
        insert.setString(4, rawJson);
        return insert.executeUpdate() == 1;
      }
    });
  }

  void markHandled(String eventKey) {
    Objects.requireNonNull(eventKey, "eventKey");
    transactions.inTransaction("mark webhook event handled", c -> JdbcConversationStore.update(c,
        "UPDATE parley_inbound_event SET handled = TRUE WHERE event_key = ?", eventKey));
  }

  boolean isHandled(String eventKey) {
    Objects.requireNonNull(eventKey, "eventKey");
    return transactions.inTransaction("read whether a webhook event was handled", c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT handled FROM parley_inbound_event WHERE event_key = ?")) {
        select.setString(1, eventKey);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() && rs.getBoolean("handled");
        }
      }
    });
  }

  /** Unhandled events oldest first; only those after {@code after} in that order unless it is null. */
  List<InboundJournal.Entry> unhandled(int limit, InboundJournal.Entry after) {
    StoreArguments.checkLimit(limit);
    String afterClause = after == null ? "" : " AND (occurred_at > ? OR (occurred_at = ? AND event_key > ?))";
    return transactions.inTransaction("list unhandled webhook events", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT event_key, recipient_key, occurred_at, raw_json"
          + " FROM parley_inbound_event WHERE handled = FALSE" + afterClause
          + " ORDER BY occurred_at, event_key LIMIT ?")) {
        int index = 1;
        if (after != null) {
          setInstant(select, index++, after.occurredAt());
          setInstant(select, index++, after.occurredAt());
          select.setString(index++, after.eventKey());
        }
        select.setInt(index, limit);
        return entries(select);
      }
    });
  }

  /**
   * The sender's unhandled events before {@code event}: earlier in time, or of its instant and recorded
   * before it (an event not recorded counts as recorded last). Served by the index on (recipient_key,
   * handled, occurred_at, recorded_seq).
   */
  List<InboundJournal.Entry> unhandledBefore(InboundJournal.Entry event, int limit) {
    StoreArguments.checkUnhandledBefore(event);
    StoreArguments.checkLimit(limit);
    return transactions.inTransaction("list a conversation's earlier unhandled webhook events", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT event_key, recipient_key, occurred_at, raw_json"
          + " FROM parley_inbound_event WHERE recipient_key = ? AND handled = FALSE AND (occurred_at < ?"
          + " OR (occurred_at = ? AND recorded_seq < COALESCE((SELECT e.recorded_seq FROM parley_inbound_event e"
          + " WHERE e.event_key = ?), " + Long.MAX_VALUE + ")))"
          + " ORDER BY occurred_at, recorded_seq LIMIT ?")) {
        select.setString(1, event.from().key());
        setInstant(select, 2, event.occurredAt());
        setInstant(select, 3, event.occurredAt());
        select.setString(4, event.eventKey());
        select.setInt(5, limit);
        return entries(select);
      }
    });
  }

  /**
   * {@link #unhandledBefore} with a limit of 1 and whether {@code event} was handled, in one round trip:
   * the event's own row (if recorded) and the sender's first earlier unhandled row, told apart by
   * {@code own}.
   */
  InboundJournal.Standing standing(InboundJournal.Entry event) {
    StoreArguments.checkUnhandledBefore(event);
    return transactions.inTransaction("read where a webhook event stands in its conversation", c -> {
      try (PreparedStatement select = c.prepareStatement(STANDING)) {
        bindStanding(select, 1, event);
        try (ResultSet rs = select.executeQuery()) {
          return standing(rs);
        }
      }
    });
  }

  /** Binds {@link #STANDING}'s parameters from index {@code first}; returns the index after them. */
  static int bindStanding(PreparedStatement select, int first, InboundJournal.Entry event) throws SQLException {
    select.setString(first, event.eventKey());
    select.setString(first + 1, event.from().key());
    setInstant(select, first + 2, event.occurredAt());
    setInstant(select, first + 3, event.occurredAt());
    select.setString(first + 4, event.eventKey());
    return first + 5;
  }

  /** Reads {@link #STANDING}'s rows. */
  static InboundJournal.Standing standing(ResultSet rs) throws SQLException {
    boolean handled = false;
    InboundJournal.Entry earlier = null;
    while (rs.next()) {
      if (rs.getInt("own") == 1) {
        handled = rs.getBoolean("handled");
      } else {
        earlier = new InboundJournal.Entry(rs.getString("event_key"), JdbcColumns.recipient(rs, "recipient_key"),
            instant(rs, "occurred_at"), rs.getString("raw_json"));
      }
    }
    return new InboundJournal.Standing(handled, earlier);
  }

  private static List<InboundJournal.Entry> entries(PreparedStatement select) throws SQLException {
    List<InboundJournal.Entry> entries = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        entries.add(new InboundJournal.Entry(rs.getString("event_key"), JdbcColumns.recipient(rs, "recipient_key"),
            instant(rs, "occurred_at"), rs.getString("raw_json")));
      }
    }
    return entries;
  }
}
