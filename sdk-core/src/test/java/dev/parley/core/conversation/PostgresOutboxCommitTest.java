package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which outbox commits wait for the disk on PostgreSQL: the enqueue (a merchant is told the entry is
 * durable) and any commit a caller holds do; a claim and a delivered mark in their own transactions
 * do not (a crash loses at most a claim or a mark, and the entry is then delivered again).
 *
 * <p>Runs its own server, flushing for real ({@code fsync} on; the shared test server has it off)
 * and with nothing else writing: no autovacuum, no timed checkpoint, the WAL writer waking every 10 s
 * at most. Right after a commit, the log inserted but not yet flushed then tells whether that commit
 * waited for the flush (nothing left) or not (its own commit record left).
 */
class PostgresOutboxCommitTest {
  private static EmbeddedPostgres server;
  private static Connection observer;
  private static JdbcConversationStore store;
  private static final Recipient ALICE = Recipient.messenger("page-1", "alice");
  private static final Recipient BOB = Recipient.messenger("page-1", "bob");

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedPostgres.builder()
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("wal_writer_delay", "10000ms")
        .setServerConfig("autovacuum", "off")
        .setServerConfig("checkpoint_timeout", "1h")
        .start();
    String url = server.getJdbcUrl("postgres", "postgres");
    observer = DriverManager.getConnection(url);
    store = JdbcConversationStore.builder().jdbcUrl(url).maximumPoolSize(2).build();
  }

  @AfterAll
  static void stopServer() throws Exception {
    store.close();
    observer.close();
    server.close();
  }

  @Test
  void claimsAndMarksCommitWithoutWaitingForTheDiskWhileEnqueuesStayDurable() {
    OutboxStore outbox = store.outbox();
    Instant now = Instant.now();
    outbox.enqueue(ALICE, "{\"text\":\"hi\"}", "durable-1", now);
    assertEquals(0, unflushedBytes(), "an enqueue returns once its commit is on the disk");

    List<OutboxEntry> claimed = outbox.claim(now, Duration.ofMinutes(5), 10);
    assertEquals(1, claimed.size());
    assertTrue(unflushedBytes() > 0, "a claim commits without waiting for the disk");

    outbox.enqueue(BOB, "{\"text\":\"hi\"}", "durable-2", now);
    assertEquals(0, unflushedBytes(), "a later durable commit flushes the claim's log too");

    OutboxEntry entry = claimed.get(0);
    assertTrue(outbox.markDelivered(entry.id(), entry.claimToken(), "m_1", now));
    assertTrue(unflushedBytes() > 0, "a delivered mark commits without waiting for the disk");
    assertEquals(OutboxEntry.State.DELIVERED, outbox.find(entry.id()).orElseThrow().state());
  }

  @Test
  void aClaimInsideAHeldConversationLeavesTheHoldersCommitDurable() {
    OutboxStore outbox = store.outbox();
    Instant now = Instant.now();
    Recipient carol = Recipient.messenger("page-1", "carol");
    outbox.enqueue(carol, "{\"text\":\"hi\"}", "held-1", now);
    int claimed = store.withConversation(carol, conversation -> outbox.claim(now, Duration.ofMinutes(5), 10).size());
    assertTrue(claimed >= 1);
    assertEquals(0, unflushedBytes(), "the holder's commit is the caller's and waits for the disk");
  }

  /** How much log was inserted but is not on the disk yet. */
  private static long unflushedBytes() {
    try (Statement statement = observer.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), pg_current_wal_flush_lsn())")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
