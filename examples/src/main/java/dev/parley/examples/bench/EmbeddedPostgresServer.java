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
  private static final String SETTING_PREFIX = "parley.bench.pg.";
  private static final AtomicInteger schemas = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  /** A connection to the server's {@code postgres} database as its superuser (for statistics). */
  static Connection adminConnection() throws SQLException {
    return server().getPostgresDatabase().getConnection();
  }

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
        // The embedded server's builder turns both fsync and synchronous_commit off by default; the
        // benchmarks measure the durability production gets: a commit returns once its WAL is on the disk.
        // With synchronous_commit on but fsync still off (until this was found), commits waited for a
        // write() to the page cache only: pg_stat_wal counted no sync at all over a whole P4 run.
        //
        // Each measure creates its tables seconds before it starts. Autovacuum looks for tables to analyse
        // once a minute by default, so a whole run went by with no statistics: the plans the server kept
        // for the outbox's claim and mark, made while the table was nearly empty, scanned it whole (a
        // claim took 4.6 ms on average, up to 270 ms, over a table of a few thousand rows). A production
        // table has had statistics for long; looking every second lets the benchmark's tables get them
        // during the warm-up.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("autovacuum_naptime", "1s");
        // Experiments: -Dparley.bench.pg.<setting>=<value> sets any other server setting.
        for (String name : System.getProperties().stringPropertyNames()) {
          if (name.startsWith(SETTING_PREFIX)) {
            builder.setServerConfig(name.substring(SETTING_PREFIX.length()), System.getProperty(name));
          }
        }
        EmbeddedPostgres started = builder.start();
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
