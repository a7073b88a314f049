package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.instant;
import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.Recipient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Message history of the JDBC store. Thread-safe. */
final class JdbcHistory {
  private static final String COLUMNS = "id, customer_id, recipient_key, author_kind, author_agent, summary,"
      + " body_json, platform_message_id, status, failure_reason, sent_at, status_at";
  /** The columns a new message is inserted with, the customer first; {@link #bindMessage} binds the rest. */
  static final String INSERT_COLUMNS = "customer_id, recipient_key, author_kind, author_agent, summary, body_json,"
      + " platform_message_id, status, status_rank, sent_at, status_at";
  private static final String INSERT = "INSERT INTO parley_message (" + INSERT_COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private final JdbcTransactions transactions;
  private final JdbcConversations conversations;
  private final SqlDialect dialect;

  JdbcHistory(JdbcTransactions transactions, JdbcConversations conversations, SqlDialect dialect) {
    this.transactions = transactions;
    this.conversations = conversations;
    this.dialect = dialect;
  }

  StoredMessage append(NewMessage message) {
    Objects.requireNonNull(message, "message");
    return transactions.inTransaction("append message", c -> {
      // A message already stored under its platform id is found by the insert's conflict, not read first.
      String customerId = conversations.customerId(c, message.conversation());
      Instant at = Timestamps.micros(message.at());
      DeliveryStatus status = message.initialStatus();
      boolean inbound = message.author().isCustomer();
      Long id = dialect == SqlDialect.POSTGRESQL
          ? insertAndMoveTimes(c, message, customerId, status, at, inbound)
          : insert(c, message, customerId, status, at);
      if (id == null) {
        // Stored before under this platform id (a redelivery, or a concurrent append that won).
        return find(c, message.platformMessageId()).orElseThrow();
      }
      if (dialect == SqlDialect.POSTGRESQL) {
        conversations.heldMessageTime(message.conversation(), at, inbound);
      } else if (inbound) {
        conversations.recordInboundMessageTime(c, message.conversation(), at);
      } else {
        conversations.recordMessageTime(c, message.conversation(), at);
      }
      return new StoredMessage(id, customerId, message.conversation(), message.author(),
          message.summary(), message.json(), message.platformMessageId(), status, null, at, at);
    });
  }

  /** Inserts the message; its id, or null if one is stored under its platform id already. */
  private static Long insert(Connection c, NewMessage message, String customerId, DeliveryStatus status, Instant at)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT, new String[] {"id"})) {
      bindInsert(insert, message, customerId, status, at);
      if (insert.executeUpdate() == 0) {
        return null;
      }
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * {@link #insert} and, if the message was inserted, the conversation's message times moved forward
   * in the same statement: one round trip where two statements take two.
   */
  private static Long insertAndMoveTimes(Connection c, NewMessage message, String customerId, DeliveryStatus status,
      Instant at, boolean inbound) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("WITH inserted AS (" + INSERT + " RETURNING id),"
        + " moved AS (" + JdbcConversations.messageTimeUpdate(inbound) + " AND EXISTS (SELECT 1 FROM inserted))"
        + " SELECT id FROM inserted")) {
      int next = bindInsert(insert, message, customerId, status, at);
      JdbcConversations.bindMessageTime(insert, next, message.conversation(), at, inbound);
      try (ResultSet rs = insert.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static int bindInsert(PreparedStatement insert, NewMessage message, String customerId,
      DeliveryStatus status, Instant at) throws SQLException {
    insert.setString(1, customerId);
    return bindMessage(insert, 2, message, status, at);
  }

  /**
   * Binds the message's {@link #INSERT_COLUMNS} after the customer, ten parameters from index {@code
   * first}; returns the next index.
   */
  static int bindMessage(PreparedStatement insert, int first, NewMessage message, DeliveryStatus status, Instant at)
      throws SQLException {
    int i = first;
    insert.setString(i++, message.conversation().key());
    insert.setString(i++, message.author().kind().name());
    insert.setString(i++, message.author().agentName());
    insert.setString(i++, message.summary());
    insert.setString(i++, message.json());
    insert.setString(i++, message.platformMessageId());
    insert.setString(i++, status.name());
    insert.setInt(i++, status.rank());
    setInstant(insert, i++, at);
    setInstant(insert, i++, at);
    return i;
  }

  MessagePage page(String customerId, long beforeId, int limit) {
    Objects.requireNonNull(customerId, "customerId");
    StoreArguments.checkLimit(limit);
    return transactions.inTransaction("read history", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM parley_message"
          + " WHERE customer_id = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
        select.setString(1, customerId);
        select.setLong(2, beforeId);
        select.setInt(3, limit + 1);
        List<StoredMessage> page = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            page.add(toMessage(rs));
          }
        }
        boolean hasOlder = page.size() > limit;
        if (hasOlder) {
          page.remove(page.size() - 1);
        }
        Collections.reverse(page);
        return new MessagePage(page, hasOlder);
      }
    });
  }

  Optional<StoredMessage> find(String platformMessageId) {
    Objects.requireNonNull(platformMessageId, "platformMessageId");
    return transactions.inTransaction("find message", c -> find(c, platformMessageId));
  }

  private Optional<StoredMessage> find(Connection c, String platformMessageId) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
        + " FROM parley_message WHERE platform_message_id = ?")) {
      select.setString(1, platformMessageId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(toMessage(rs)) : Optional.empty();
      }
    }
  }

  boolean markSent(long messageId, String platformMessageId, Instant at) {
    StoreArguments.checkPlatformId(platformMessageId);
    return transactions.inTransaction("mark message sent", c -> markSent(c, messageId, platformMessageId, at));
  }

  /** {@link #markSent(long, String, Instant)} in the caller's transaction. */
  boolean markSent(Connection c, long messageId, String platformMessageId, Instant at) throws SQLException {
    if (find(c, platformMessageId).isPresent()) {
      return false;
    }
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_message SET platform_message_id = ?,"
        + " status = ?, status_rank = ?, status_at = ? WHERE id = ? AND status = ?")) {
      update.setString(1, platformMessageId);
      update.setString(2, DeliveryStatus.SENT.name());
      update.setInt(3, DeliveryStatus.SENT.rank());
      setInstant(update, 4, at);
      update.setLong(5, messageId);
      update.setString(6, DeliveryStatus.PENDING.name());
      return update.executeUpdate() == 1;
    }
  }

  boolean updateStatus(String platformMessageId, DeliveryStatus status, Instant at, String failureReason) {
    StoreArguments.checkOutboundStatus(status);
    Objects.requireNonNull(platformMessageId, "platformMessageId");
    return transactions.inTransaction("update delivery status", c -> {
      try (PreparedStatement update = c.prepareStatement("UPDATE parley_message SET status = ?, status_rank = ?,"
          + " status_at = ?, failure_reason = ? WHERE platform_message_id = ? AND author_kind <> 'CUSTOMER'"
          + " AND status_rank < ?")) {
        bindStatus(update, status, at, status == DeliveryStatus.FAILED ? StoreArguments.cutReason(failureReason) : null);
        update.setString(5, platformMessageId);
        update.setInt(6, status.rank());
        return update.executeUpdate() > 0;
      }
    });
  }

  int updateStatusUpTo(Recipient recipient, DeliveryStatus status, Instant watermark) {
    StoreArguments.checkOutboundStatus(status);
    Objects.requireNonNull(recipient, "recipient");
    return transactions.inTransaction("update delivery status", c -> {
      try (PreparedStatement update = c.prepareStatement("UPDATE parley_message SET status = ?, status_rank = ?,"
          + " status_at = ?, failure_reason = ? WHERE recipient_key = ? AND author_kind <> 'CUSTOMER'"
          + " AND sent_at <= ? AND status_rank < ?")) {
        bindStatus(update, status, watermark, null);
        update.setString(5, recipient.key());
        setInstant(update, 6, watermark);
        update.setInt(7, status.rank());
        return update.executeUpdate();
      }
    });
  }

  private static void bindStatus(PreparedStatement update, DeliveryStatus status, Instant at, String reason)
      throws SQLException {
    update.setString(1, status.name());
    update.setInt(2, status.rank());
    setInstant(update, 3, at);
    update.setString(4, reason);
  }

  private static StoredMessage toMessage(ResultSet rs) throws SQLException {
    Author.Kind kind = Author.Kind.valueOf(rs.getString("author_kind"));
    return new StoredMessage(rs.getLong("id"), rs.getString("customer_id"),
        JdbcColumns.recipient(rs, "recipient_key"), new Author(kind, rs.getString("author_agent")),
        rs.getString("summary"), rs.getString("body_json"), rs.getString("platform_message_id"),
        DeliveryStatus.valueOf(rs.getString("status")), rs.getString("failure_reason"), instant(rs, "sent_at"),
        instant(rs, "status_at"));
  }
}
