package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.instant;
import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.outbox.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox of {@link JdbcConversationStore}. Claims select the head entry of each recipient's queue
 * with a row lock ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so concurrent claimants on other
 * nodes take other entries instead of waiting) and mark them in flight in the same transaction: an
 * entry is handed to one claimant at a time, and never while an earlier entry to the same recipient
 * is unfinished. Thread-safe.
 */
final class JdbcOutboxStore implements OutboxStore {
  private static final String COLUMNS = "id, dedup_key, recipient_key, payload, state, attempts, created_at,"
      + " available_at, claim_token, last_error";
  private static final String UNFINISHED = "('PENDING', 'IN_FLIGHT')";

  private final JdbcTransactions transactions;
  private final SqlDialect dialect;
  private final JdbcHistory history;

  JdbcOutboxStore(JdbcTransactions transactions, SqlDialect dialect, JdbcHistory history) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.history = history;
  }

  @Override
  public OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now) {
    return enqueue(recipient, payload, dedupKey, now, null);
  }

  @Override
  public OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now,
      long historyMessageId) {
    return enqueue(recipient, payload, dedupKey, now, Long.valueOf(historyMessageId));
  }

  private OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now,
      Long historyMessageId) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(now, "now");
    OutboxValues.check(payload, dedupKey);
    return transactions.inTransaction("enqueue", c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO parley_outbox (dedup_key, recipient_key,"
          + " payload, state, attempts, created_at, available_at, history_message_id)"
          + " VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        insert.setString(1, dedupKey);
        insert.setString(2, recipient.key());
        insert.setString(3, payload);
        setInstant(insert, 4, now);
        setInstant(insert, 5, now);
        insert.setObject(6, historyMessageId, java.sql.Types.BIGINT);
        insert.executeUpdate();
      }
      return findByDedupKey(c, dedupKey).orElseThrow();
    });
  }

  @Override
  public Optional<OutboxEntry> find(long id) {
    return transactions.inTransaction("find outbox entry", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM parley_outbox WHERE id = ?")) {
        select.setLong(1, id);
        return first(select);
      }
    });
  }

  @Override
  public Optional<OutboxEntry> findByDedupKey(String dedupKey) {
    Objects.requireNonNull(dedupKey, "dedupKey");
    return transactions.inTransaction("find outbox entry", c -> findByDedupKey(c, dedupKey));
  }

  private static Optional<OutboxEntry> findByDedupKey(Connection c, String dedupKey) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
        + " FROM parley_outbox WHERE dedup_key = ?")) {
      select.setString(1, dedupKey);
      return first(select);
    }
  }

  @Override
  public List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
    Objects.requireNonNull(now, "now");
    OutboxValues.checkClaim(lease, limit);
    Instant leaseEnd = now.plus(lease);
    return transactions.inTransaction("claim outbox entries", c -> {
      List<OutboxEntry> ready = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM parley_outbox o"
          + " WHERE o.state IN " + UNFINISHED + " AND o.available_at <= ?"
          + " AND NOT EXISTS (SELECT 1 FROM parley_outbox p WHERE p.recipient_key = o.recipient_key"
          + " AND p.id < o.id AND p.state IN " + UNFINISHED + ")"
          + " ORDER BY o.id LIMIT ?" + dialect.lockForClaim())) {
        setInstant(select, 1, now);
        select.setInt(2, limit);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            ready.add(toEntry(rs));
          }
        }
      }
      List<OutboxEntry> claimed = new ArrayList<>();
      for (OutboxEntry entry : ready) {
        String token = UUID.randomUUID().toString();
        try (PreparedStatement update = c.prepareStatement("UPDATE parley_outbox SET state = 'IN_FLIGHT',"
            + " attempts = attempts + 1, available_at = ?, claim_token = ? WHERE id = ?")) {
          setInstant(update, 1, leaseEnd);
          update.setString(2, token);
          update.setLong(3, entry.id());
          update.executeUpdate();
        }
        claimed.add(new OutboxEntry(entry.id(), entry.recipient(), entry.payload(), entry.dedupKey(), State.IN_FLIGHT,
            entry.attempts() + 1, entry.createdAt(), Timestamps.micros(leaseEnd), token, entry.lastError()));
      }
      return claimed;
    });
  }

  @Override
  public boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now) {
    if (platformMessageId != null) {
      StoreArguments.checkPlatformId(platformMessageId);
    }
    return transactions.inTransaction("mark outbox entry delivered", c -> {
      if (!finish(c, id, claimToken, State.DELIVERED, now, null, false)) {
        return false;
      }
      Long historyMessageId = historyMessageId(c, id);
      if (historyMessageId != null && platformMessageId != null) {
        history.markSent(c, historyMessageId, platformMessageId, now);
      }
      return true;
    });
  }

  private static Long historyMessageId(Connection c, long id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT history_message_id FROM parley_outbox WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long value = rs.getLong(1);
        return rs.wasNull() ? null : value;
      }
    }
  }

  @Override
  public boolean retryLater(long id, String claimToken, Instant nextAttemptAt, String error) {
    return finish(id, claimToken, State.PENDING, nextAttemptAt, error, true);
  }

  @Override
  public boolean park(long id, String claimToken, String reason, Instant now) {
    return finish(id, claimToken, State.PARKED, now, reason, true);
  }

  private boolean finish(long id, String claimToken, State state, Instant availableAt, String error,
      boolean replaceError) {
    return transactions.inTransaction("finish outbox entry",
        c -> finish(c, id, claimToken, state, availableAt, error, replaceError));
  }

  private static boolean finish(Connection c, long id, String claimToken, State state, Instant availableAt,
      String error, boolean replaceError) throws SQLException {
    Objects.requireNonNull(claimToken, "claimToken");
    Objects.requireNonNull(availableAt, "availableAt");
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_outbox SET state = ?, available_at = ?,"
        + " claim_token = NULL" + (replaceError ? ", last_error = ?" : "")
        + " WHERE id = ? AND state = 'IN_FLIGHT' AND claim_token = ?")) {
      int i = 1;
      update.setString(i++, state.name());
      setInstant(update, i++, availableAt);
      if (replaceError) {
        update.setString(i++, OutboxValues.cut(error));
      }
      update.setLong(i++, id);
      update.setString(i, claimToken);
      return update.executeUpdate() == 1;
    }
  }

  @Override
  public List<OutboxEntry> parked(int limit) {
    StoreArguments.checkLimit(limit);
    return transactions.inTransaction("list parked entries", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
          + " FROM parley_outbox WHERE state = 'PARKED' ORDER BY id LIMIT ?")) {
        select.setInt(1, limit);
        List<OutboxEntry> result = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            result.add(toEntry(rs));
          }
        }
        return result;
      }
    });
  }

  @Override
  public boolean unpark(long id, Instant now) {
    Objects.requireNonNull(now, "now");
    return transactions.inTransaction("unpark outbox entry", c -> {
      try (PreparedStatement update = c.prepareStatement("UPDATE parley_outbox SET state = 'PENDING', attempts = 0,"
          + " available_at = ? WHERE id = ? AND state = 'PARKED'")) {
        setInstant(update, 1, now);
        update.setLong(2, id);
        return update.executeUpdate() == 1;
      }
    });
  }

  @Override
  public OutboxCounts counts() {
    return transactions.inTransaction("count outbox entries", c -> {
      long[] counts = new long[State.values().length];
      try (PreparedStatement select = c.prepareStatement("SELECT state, COUNT(*) FROM parley_outbox GROUP BY state");
          ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          counts[State.valueOf(rs.getString(1)).ordinal()] = rs.getLong(2);
        }
      }
      return new OutboxCounts(counts[State.PENDING.ordinal()], counts[State.IN_FLIGHT.ordinal()],
          counts[State.PARKED.ordinal()], counts[State.DELIVERED.ordinal()]);
    });
  }

  @Override
  public int purgeDelivered(Instant before) {
    Objects.requireNonNull(before, "before");
    return transactions.inTransaction("purge delivered entries", c -> {
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM parley_outbox WHERE state = 'DELIVERED' AND created_at < ?")) {
        setInstant(delete, 1, before);
        return delete.executeUpdate();
      }
    });
  }

  private static Optional<OutboxEntry> first(PreparedStatement select) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? Optional.of(toEntry(rs)) : Optional.empty();
    }
  }

  private static OutboxEntry toEntry(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getLong("id"), JdbcColumns.recipient(rs, "recipient_key"), rs.getString("payload"),
        rs.getString("dedup_key"), State.valueOf(rs.getString("state")), rs.getInt("attempts"),
        instant(rs, "created_at"), instant(rs, "available_at"), rs.getString("claim_token"),
        rs.getString("last_error"));
  }
}
