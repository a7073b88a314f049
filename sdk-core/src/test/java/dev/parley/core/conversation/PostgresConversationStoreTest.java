package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.core.testing.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The conversation store contract on the JDBC store over a real (embedded) PostgreSQL server. */
class PostgresConversationStoreTest extends ConversationStoreContract {
  @Override
  protected ConversationStore openStore(TestClock clock) {
    return JdbcConversationStore.builder()
        .jdbcUrl(EmbeddedPostgresDatabases.freshSchemaUrl())
        .clock(clock)
        .maximumPoolSize(4)
        .build();
  }

  /** The waiter's backend waits for the row lock: the server says so. */
  @Override
  void awaitWaitingForTheHold(AtomicReference<Thread> waiter) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = ((JdbcConversationStore) store).dataSource().getConnection();
        Statement select = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = select.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            + " AND query LIKE '%FROM parley_conversation WHERE recipient_key = $1 FOR UPDATE%'")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(5);
      }
    } catch (SQLException | InterruptedException e) {
      throw new AssertionError(e);
    }
    fail("no one waited for the conversation's row lock within 10 s");
  }
}
