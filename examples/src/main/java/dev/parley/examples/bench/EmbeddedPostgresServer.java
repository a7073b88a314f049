package dev.parley.examples.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL of the benchmarks: one embedded server started on first use, stopped when the JVM
 * exits; each measure gets a fresh schema. Thread-safe.
 */
final class EmbeddedPostgresServer {
  private static final AtomicInteger schemas = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  /** The JDBC URL of a new, empty schema in the shared server (user {@code postgres}, no password). */
  static String freshSchemaUrl() {
    String schema = "parley_bench_" + schemas.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL refused to create schema " + schema + ": " + e.getMessage(), e);
    }
    return server().getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // The embedded server's builder turns synchronous_commit off by default; the benchmarks measure the
        // durability production gets: a commit returns once its WAL is flushed.
        EmbeddedPostgres started = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("synchronous_commit", "on")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // The JVM is exiting and the server's directory is temporary: nothing more to do.
          }
        }, "bench-postgres-stop"));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
    }
    return server;
  }
}
