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

  /** The page cache of an embedded H2 file store unless its URL sets {@code CACHE_SIZE}, in KB. */
  static final int H2_CACHE_KB = 16 * 1024;

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

  /**
   * {@code url} with the settings the store needs of H2 where it does not set them itself: PostgreSQL
   * mode, a bounded page cache (not for an in-memory database), a 10 s lock timeout; other URLs as
   * they are.
   */
  static String withH2Settings(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return url;
    }
    String upper = url.toUpperCase(Locale.ROOT);
    StringBuilder result = new StringBuilder(url);
    if (!upper.contains(";MODE=")) {
      result.append(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
    if (!upper.contains(";CACHE_SIZE=") && !upper.startsWith("JDBC:H2:MEM:")) {
      // H2 scales its page cache with the maximum heap (64 MB per GB): on a large machine the cache, not the
      // conversations, sets the server's memory. 16 MB holds the working set of tens of thousands of them.
      result.append(";CACHE_SIZE=").append(H2_CACHE_KB);
    }
    if (!upper.contains(";LOCK_TIMEOUT=")) {
      // H2 waits 1 s for a row lock by default; a bot turn holding its conversation may take longer.
      result.append(";LOCK_TIMEOUT=10000");
    }
    return result.toString();
  }
}
