package dev.parley.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work as one transaction on a connection the caller holds: auto-commit off, commit if the
 * work returns, roll back if it throws, the connection's auto-commit mode restored either way. Each
 * store wraps the {@link SQLException} in its own exception. Public for wiring between Parley's
 * modules only; not an API. Stateless and thread-safe.
 */
public final class Transactions {

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Transactions() {}

  /** Runs {@code work} on {@code connection} in a transaction; commits if it returns, rolls back if it throws. */
  public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
