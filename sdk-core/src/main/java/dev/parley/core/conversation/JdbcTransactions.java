package dev.parley.core.conversation;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections and transactions for one JDBC store. A transaction opened by {@link #holding} is bound
 * to the calling thread, and every other call of the same store on that thread joins it: that is how
 * the store calls made inside {@code withConversation} run under the conversation's row lock
 * instead of waiting for it on a second connection. Thread-safe.
 */
final class JdbcTransactions {

  /** A unit of JDBC work. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final ThreadLocal<Connection> bound = new ThreadLocal<>();

  JdbcTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether this thread holds a bound transaction, which the next store call would join. */
  boolean holdingOnThisThread() {
    return bound.get() != null;
  }

  /** Runs {@code work} in a transaction, or inside the thread's bound transaction if there is one. */
  <T> T inTransaction(String what, Work<T> work) {
    Connection current = bound.get();
    if (current != null) {
      return run(what, current, work);
    }
    return inNewTransaction(what, work, false);
  }

  /**
   * Runs {@code work}, one read-only statement, inside the thread's bound transaction if there is one,
   * else on its own in autocommit: one round trip where a transaction of its own takes two (the
   * statement, then the commit). Falls back to a transaction for a pool whose connections do not
   * autocommit.
   */
  <T> T read(String what, Work<T> work) {
    Connection current = bound.get();
    if (current != null) {
      return run(what, current, work);
    }
    try (Connection connection = dataSource.getConnection()) {
      if (connection.getAutoCommit()) {
        return work.run(connection);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} in a transaction bound to this thread for its whole duration (joined by the
   * store calls {@code work} makes); commits if it returns, rolls back if it throws. Reentrant.
   */
  <T> T holding(String what, Work<T> work) {
    if (bound.get() != null) {
      return run(what, bound.get(), work);
    }
    return inNewTransaction(what, work, true);
  }

  private <T> T inNewTransaction(String what, Work<T> work, boolean bind) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      if (bind) {
        bound.set(connection);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        if (bind) {
          bound.remove();
        }
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static <T> T run(String what, Connection connection, Work<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  static ConversationStoreException failure(String what, SQLException e) {
    return new ConversationStoreException("conversation store could not " + what + ": " + e.getMessage()
        + " (SQLState " + e.getSQLState() + ")", e);
  }
}
