package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.instant;
import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.outbox.OutboxStore;
import dev.parley.core.outbox.OutboxStore.Delivered;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The outbox of {@link JdbcConversationStore}. Claims select the head entry of each recipient's queue
 * with a row lock ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so concurrent claimants on other
 * nodes take other entries instead of waiting) and mark them in flight in the same transaction: an
 * entry is handed to one claimant at a time, and never while an earlier entry to the same recipient
 * is unfinished. Thread-safe.
 */
final class JdbcOutboxStore implements OutboxStore {
  /** The columns a new entry is inserted with: {@link #NEW_VALUES}, then its history message's id. */
  static final String INSERT_COLUMNS = "dedup_key, recipient_key, payload, state, attempts, created_at, available_at,"
      + " history_message_id";
  /** A new entry's values but the last (its history message's id); {@link #bindNew} binds its parameters. */
  static final String NEW_VALUES = "?, ?, ?, 'PENDING', 0, ?, ?";

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
      // A new entry is what was inserted, its id from the insert's generated key: one round trip, no read
      // back. Only an entry already enqueued under the key (the insert's conflict) is read.
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO parley_outbox (" + INSERT_COLUMNS + ")"
          + " VALUES (" + NEW_VALUES + ", ?) ON CONFLICT DO NOTHING", new String[] {"id"})) {
        int next = bindNew(insert, 1, dedupKey, recipient, payload, now);
        insert.setObject(next, historyMessageId, java.sql.Types.BIGINT);
        if (insert.executeUpdate() == 1) {
          try (ResultSet keys = insert.getGeneratedKeys()) {
            if (keys.next()) {
              Instant stored = Timestamps.micros(now);
              return new OutboxEntry(keys.getLong(1), recipient, payload, dedupKey, State.PENDING, 0, stored, stored,
                  null, null);
            }
          }
        }
      }
      return findByDedupKey(c, dedupKey).orElseThrow();
    });
  }

  @Override
  public Optional<OutboxEntry> find(long id) {
    return transactions.read("find outbox entry", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM parley_outbox WHERE id = ?")) {
        select.setLong(1, id);
        return first(select);
      }
    });
  }

  @Override
  public Optional<OutboxEntry> findByDedupKey(String dedupKey) {
    Objects.requireNonNull(dedupKey, "dedupKey");
    return transactions.read("find outbox entry", c -> findByDedupKey(c, dedupKey));
  }

  private static Optional<OutboxEntry> findByDedupKey(Connection c, String dedupKey) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
        + " FROM parley_outbox WHERE dedup_key = ?")) {
      select.setString(1, dedupKey);
      return first(select);
    }
  }

  /**
   * Claims in one transaction: claims whose lease ran out become PENDING again (a dead worker's
   * entries), then the oldest PENDING entries that head their recipient's queue are locked and marked
   * IN_FLIGHT under one claim token. Reading PENDING rows only, through the index of pending entries (V5),
   * keeps the cost of a claim independent of how many delivered entries the table holds.
   */
  @Override
  public List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
    return claimBatch(now, lease, limit).entries();
  }

  /** As {@link #claim}, on PostgreSQL in two statements (see {@link JdbcOutboxOnPostgres}). */
  @Override
  public Claimed claimBatch(Instant now, Duration lease, int limit) {
    Objects.requireNonNull(now, "now");
    OutboxValues.checkClaim(lease, limit);
    Instant leaseEnd = now.plus(lease);
    if (dialect == SqlDialect.POSTGRESQL) {
      boolean own = !transactions.holdingOnThisThread();
      return transactions.inTransaction("claim outbox entries",
          c -> JdbcOutboxOnPostgres.claim(c, now, leaseEnd, UUID.randomUUID().toString(), limit, own));
    }
    return transactions.inTransaction("claim outbox entries", c -> {
      releaseExpiredClaims(c, now);
      List<OutboxEntry> ready = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM parley_outbox o"
          + " WHERE o.state = 'PENDING' AND o.available_at <= ?"
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
      if (ready.isEmpty()) {
        return new Claimed(List.of(), heldBack(c, now));
      }
      String token = UUID.randomUUID().toString();
      try (PreparedStatement update = c.prepareStatement("UPDATE parley_outbox SET state = 'IN_FLIGHT',"
          + " attempts = attempts + 1, available_at = ?, claim_token = ? WHERE id = ANY(?)")) {
        setInstant(update, 1, leaseEnd);
        update.setString(2, token);
        update.setArray(3, ids(c, ready.stream().map(OutboxEntry::id).toList()));
        update.executeUpdate();
      }
      List<OutboxEntry> claimed = new ArrayList<>(ready.size());
      for (OutboxEntry entry : ready) {
        claimed.add(new OutboxEntry(entry.id(), entry.recipient(), entry.payload(), entry.dedupKey(), State.IN_FLIGHT,
            entry.attempts() + 1, entry.createdAt(), Timestamps.micros(leaseEnd), token, entry.lastError()));
      }
      return new Claimed(claimed, claimed.size() < limit && heldBack(c, now));
    });
  }

  /** Whether a ready PENDING entry waits behind an IN_FLIGHT entry to its recipient (claimed by this transaction or before). */
  private static boolean heldBack(Connection c, Instant now) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM parley_outbox o"
        + " WHERE o.state = 'PENDING' AND o.available_at <= ? AND EXISTS (SELECT 1 FROM parley_outbox p"
        + " WHERE p.recipient_key = o.recipient_key AND p.id < o.id AND p.state = 'IN_FLIGHT') LIMIT 1")) {
      setInstant(select, 1, now);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Makes the entries whose claim expired at {@code now} PENDING again, so the claim query can read
   * PENDING rows only. Rows another transaction holds are skipped on PostgreSQL (a marker finishing
   * one, another node releasing it); the next claim sees what is left.
   */
  private void releaseExpiredClaims(Connection c, Instant now) throws SQLException {
    List<Long> expired = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement("SELECT id FROM parley_outbox"
        + " WHERE state = 'IN_FLIGHT' AND available_at <= ? ORDER BY id" + dialect.lockForClaim())) {
      setInstant(select, 1, now);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          expired.add(rs.getLong(1));
        }
      }
    }
    if (expired.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_outbox SET state = 'PENDING',"
        + " claim_token = NULL WHERE id = ANY(?)")) {
      update.setArray(1, ids(c, expired));
      update.executeUpdate();
    }
  }

  @Override
  public boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now) {
    Objects.requireNonNull(claimToken, "claimToken");
    return markDelivered(List.of(new Delivered(id, claimToken, platformMessageId)), now).contains(id);
  }

  /**
   * Marks the entries in one transaction, in id order (two nodes marking at once lock rows in the
   * same order), then the history messages linked to the marked ones; on PostgreSQL all in one
   * statement.
   */
  @Override
  public Set<Long> markDelivered(List<Delivered> delivered, Instant now) {
    Objects.requireNonNull(now, "now");
    List<Delivered> byId = new ArrayList<>(delivered);
    for (Delivered d : byId) {
      if (d.platformMessageId() != null) {
        StoreArguments.checkPlatformId(d.platformMessageId());
      }
    }
    if (byId.isEmpty()) {
      return Set.of();
    }
    byId.sort(Comparator.comparingLong(Delivered::id));
    if (dialect == SqlDialect.POSTGRESQL) {
      boolean own = !transactions.holdingOnThisThread();
      return transactions.inTransaction("mark outbox entries delivered",
          c -> JdbcOutboxOnPostgres.markDelivered(c, byId, now, own));
    }
    return transactions.inTransaction("mark outbox entries delivered", c -> {
      Set<Long> marked = new HashSet<>();
      try (PreparedStatement update = c.prepareStatement("UPDATE parley_outbox SET state = 'DELIVERED',"
          + " available_at = ?, claim_token = NULL WHERE id = ? AND state = 'IN_FLIGHT' AND claim_token = ?")) {
        for (Delivered d : byId) {
          setInstant(update, 1, now);
          update.setLong(2, d.id());
          update.setString(3, d.claimToken());
          update.addBatch();
        }
        int[] counts = update.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 1) {
            marked.add(byId.get(i).id());
          }
        }
      }
      Map<Long, String> platformIds = new HashMap<>();
      for (Delivered d : byId) {
        if (d.platformMessageId() != null && marked.contains(d.id())) {
          platformIds.put(d.id(), d.platformMessageId());
        }
      }
      if (!platformIds.isEmpty()) {
        for (Map.Entry<Long, Long> link : historyMessageIds(c, platformIds.keySet()).entrySet()) {
          history.markSent(c, link.getValue(), platformIds.get(link.getKey()), now);
        }
      }
      return marked;
    });
  }

  /** The history messages linked to these entries, by entry id; entries without one are left out. */
  private static Map<Long, Long> historyMessageIds(Connection c, Collection<Long> ids) throws SQLException {
    Map<Long, Long> links = new TreeMap<>();
    try (PreparedStatement select = c.prepareStatement("SELECT id, history_message_id FROM parley_outbox"
        + " WHERE id = ANY(?) AND history_message_id IS NOT NULL")) {
      select.setArray(1, ids(c, ids));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          links.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return links;
  }

  private static Array ids(Connection c, Collection<Long> ids) throws SQLException {
    return c.createArrayOf("BIGINT", ids.toArray(Long[]::new));
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
    return transactions.read("count outbox entries", c -> {
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

  static OutboxEntry toEntry(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getLong("id"), JdbcColumns.recipient(rs, "recipient_key"), rs.getString("payload"),
        rs.getString("dedup_key"), State.valueOf(rs.getString("state")), rs.getInt("attempts"),
        instant(rs, "created_at"), instant(rs, "available_at"), rs.getString("claim_token"),
        rs.getString("last_error"));
  }

  /** Binds {@link #NEW_VALUES}' parameters from index {@code first}; returns the index after them. */
  static int bindNew(PreparedStatement insert, int first, String dedupKey, Recipient recipient, String payload,
      Instant now) throws SQLException {
    insert.setString(first, dedupKey);
    insert.setString(first + 1, recipient.key());
    insert.setString(first + 2, payload);
    setInstant(insert, first + 3, now);
    setInstant(insert, first + 4, now);
    return first + 5;
  }
}
