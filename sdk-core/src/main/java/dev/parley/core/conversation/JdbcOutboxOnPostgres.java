package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxStore.Claimed;
import dev.parley.core.outbox.OutboxStore.Delivered;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbox's claim and delivered mark on PostgreSQL, each one statement (data-modifying CTEs)
 * where H2 needs several. The database shares its cores with the application on a small node, so
 * every round trip a delivery spares is time a bot turn does not wait for it. Same semantics as
 * {@link JdbcOutboxStore}'s step-by-step statements, which H2 keeps. Stateless.
 *
 * <p>In a transaction of its own, a claim or a mark commits without waiting for its log to reach the
 * disk ({@code synchronous_commit} off for that transaction only, set by the statement itself, so it
 * costs no round trip). Neither promises anything durable to a caller: if the database crashes before
 * the log writer flushes them (within a few hundred milliseconds), a lost claim or mark leaves the
 * entry as it was before, and it is delivered again: a duplicate, which at-least-once already allows
 * for a node dying between the send and the mark; never a loss, since the enqueue that made the entry
 * stays durable. What this spares is one disk flush per claim and per mark, that is two per bot reply,
 * each of which a turn committing at the same moment waited behind. Inside a transaction the caller
 * holds (a conversation held by {@code withConversation}) the setting is left alone: that commit is
 * the caller's, and stays durable.
 */
final class JdbcOutboxOnPostgres {
  /**
   * The first CTE of the claim and the mark: given true, turns {@code synchronous_commit} off until the
   * transaction ends (see the class comment). The statements join it to their result, so it is always
   * evaluated.
   */
  private static final String COMMIT_MODE = "WITH commit_mode AS (SELECT CASE WHEN ? THEN"
      + " set_config('synchronous_commit', 'off', true) END AS setting),";
  private static final String RETURNED = "u.id, u.dedup_key, u.recipient_key, u.payload, u.state, u.attempts,"
      + " u.created_at, u.available_at, u.claim_token, u.last_error";

  /**
   * Claims whose lease ran out become PENDING again (rows another transaction holds are skipped: a
   * marker finishing one, another node releasing it).
   */
  private static final String RELEASE_EXPIRED = "UPDATE parley_outbox SET state = 'PENDING', claim_token = NULL"
      + " WHERE id IN (SELECT id FROM parley_outbox WHERE state = 'IN_FLIGHT' AND available_at <= ?"
      + " ORDER BY id FOR UPDATE SKIP LOCKED)";

  /**
   * Picks the oldest ready heads of their recipients' queues, locks and claims them, and says in the
   * same statement whether ready entries stay behind an entry in flight (claimed now or before). The
   * CTEs share one snapshot, in which the picked rows are still PENDING: hence "or picked". That
   * check runs only for a claim that took fewer than its limit; it reads the ready pending rows the
   * pick read already. Both look for a recipient's earlier entries among the unfinished ones only
   * (the picked rows are PENDING), which the partial index {@code parley_outbox_unfinished} holds. The
   * one-row {@code held} keeps a row in the result when nothing was claimed.
   */
  private static final String CLAIM = COMMIT_MODE + " picked AS (SELECT o.id FROM parley_outbox o"
      + " WHERE o.state = 'PENDING' AND o.available_at <= ?"
      + " AND NOT EXISTS (SELECT 1 FROM parley_outbox p WHERE p.recipient_key = o.recipient_key"
      + " AND p.id < o.id AND p.state IN ('PENDING', 'IN_FLIGHT'))"
      + " ORDER BY o.id LIMIT ? FOR UPDATE SKIP LOCKED),"
      + " claimed AS (UPDATE parley_outbox u SET state = 'IN_FLIGHT', attempts = u.attempts + 1, available_at = ?,"
      + " claim_token = ? FROM picked WHERE u.id = picked.id RETURNING " + RETURNED + "),"
      + " held AS (SELECT (SELECT COUNT(*) FROM picked) < ? AND EXISTS (SELECT 1 FROM parley_outbox o"
      + " WHERE o.state = 'PENDING' AND o.available_at <= ? AND EXISTS (SELECT 1 FROM parley_outbox p"
      + " WHERE p.recipient_key = o.recipient_key AND p.id < o.id AND p.state IN ('PENDING', 'IN_FLIGHT')"
      + " AND (p.state = 'IN_FLIGHT' OR p.id IN (SELECT id FROM picked)))) AS held_back)"
      + " SELECT held.held_back, c.* FROM commit_mode, held LEFT JOIN claimed c ON TRUE";

  /**
   * Marks the entries still held by the given claims DELIVERED and the history messages linked to
   * them SENT with the platform's id (unless a message already carries that id, as {@link
   * JdbcHistory#markSent} checks); returns the ids marked.
   */
  private static final String MARK_DELIVERED = COMMIT_MODE + " d AS (SELECT * FROM unnest(?::bigint[], ?::varchar[],"
      + " ?::varchar[]) AS d(id, claim_token, platform_id)),"
      + " marked AS (UPDATE parley_outbox o SET state = 'DELIVERED', available_at = ?, claim_token = NULL FROM d"
      + " WHERE o.id = d.id AND o.state = 'IN_FLIGHT' AND o.claim_token = d.claim_token"
      + " RETURNING o.id, o.history_message_id, d.platform_id),"
      + " sent AS (UPDATE parley_message m SET platform_message_id = marked.platform_id, status = ?,"
      + " status_rank = ?, status_at = ? FROM marked WHERE m.id = marked.history_message_id"
      + " AND marked.platform_id IS NOT NULL AND m.status = ?"
      + " AND NOT EXISTS (SELECT 1 FROM parley_message x WHERE x.platform_message_id = marked.platform_id)"
      + " RETURNING m.id)"
      + " SELECT marked.id FROM commit_mode, marked";

  private JdbcOutboxOnPostgres() {}

  /** @param ownTransaction whether the claim commits by itself (then without waiting for the disk) */
  static Claimed claim(Connection c, Instant now, Instant leaseEnd, String token, int limit, boolean ownTransaction)
      throws SQLException {
    try (PreparedStatement release = c.prepareStatement(RELEASE_EXPIRED)) {
      setInstant(release, 1, now);
      release.executeUpdate();
    }
    List<OutboxEntry> claimed = new ArrayList<>();
    boolean heldBack = false;
    try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
      claim.setBoolean(1, ownTransaction);
      setInstant(claim, 2, now);
      claim.setInt(3, limit);
      setInstant(claim, 4, leaseEnd);
      claim.setString(5, token);
      claim.setInt(6, limit);
      setInstant(claim, 7, now);
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          heldBack = rs.getBoolean("held_back");
          if (rs.getObject("id") != null) {
            claimed.add(JdbcOutboxStore.toEntry(rs));
          }
        }
      }
    }
    claimed.sort(Comparator.comparingLong(OutboxEntry::id));
    return new Claimed(claimed, heldBack);
  }

  /**
   * @param byId the entries, in id order (two nodes marking at once lock rows in the same order)
   * @param ownTransaction whether the mark commits by itself (then without waiting for the disk)
   */
  static Set<Long> markDelivered(Connection c, List<Delivered> byId, Instant now, boolean ownTransaction)
      throws SQLException {
    Long[] ids = new Long[byId.size()];
    String[] tokens = new String[byId.size()];
    String[] platformIds = new String[byId.size()];
    for (int i = 0; i < byId.size(); i++) {
      ids[i] = byId.get(i).id();
      tokens[i] = byId.get(i).claimToken();
      platformIds[i] = byId.get(i).platformMessageId();
    }
    try (PreparedStatement mark = c.prepareStatement(MARK_DELIVERED)) {
      mark.setBoolean(1, ownTransaction);
      mark.setArray(2, c.createArrayOf("bigint", ids));
      mark.setArray(3, c.createArrayOf("varchar", tokens));
      mark.setArray(4, c.createArrayOf("varchar", platformIds));
      setInstant(mark, 5, now);
      mark.setString(6, DeliveryStatus.SENT.name());
      mark.setInt(7, DeliveryStatus.SENT.rank());
      setInstant(mark, 8, now);
      mark.setString(9, DeliveryStatus.PENDING.name());
      Set<Long> marked = new HashSet<>();
      try (ResultSet rs = mark.executeQuery()) {
        while (rs.next()) {
          marked.add(rs.getLong(1));
        }
      }
      return marked;
    }
  }
}
