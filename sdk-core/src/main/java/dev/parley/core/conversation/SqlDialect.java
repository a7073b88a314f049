package dev.parley.core.conversation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The few places where the JDBC store's SQL differs between the databases it supports. */
enum SqlDialect {
  /** Several nodes share the database: claims skip rows other transactions hold. */
  POSTGRESQL(" FOR UPDATE SKIP LOCKED"),
  /**
   * One process owns the file. Claims still lock what they take; plain {@code FOR UPDATE} waits for
   * a concurrent claim instead of skipping, which in one process costs nothing worth the difference.
   */
  H2(" FOR UPDATE");

  private final String lockForClaim;

  SqlDialect(String lockForClaim) {
    this.lockForClaim = lockForClaim;
  }

  /** The locking clause that ends a claim query. */
  String lockForClaim() {
    return lockForClaim;
  }

  static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("the JDBC conversation store supports PostgreSQL and H2, not "
        + connection.getMetaData().getDatabaseProductName());
  }
}
