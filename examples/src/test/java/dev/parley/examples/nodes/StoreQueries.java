package dev.parley.examples.nodes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the nodes' shared PostgreSQL directly, to check what the store says after a run. */
final class StoreQueries {
  private final String url;

  StoreQueries(String url) {
    this.url = url;
  }

  /** The single number {@code sql} selects. */
  long number(String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(sql + " failed: " + e.getMessage(), e);
    }
  }

  /** Each row {@code sql} selects, its columns joined by " | ". */
  java.util.List<String> rows(String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      java.util.List<String> rows = new java.util.ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(sql + " failed: " + e.getMessage(), e);
    }
  }

  int update(String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + " failed: " + e.getMessage(), e);
    }
  }

  /** Lets every reminder claim expire now: the 5-minute lease of a node that died, fast-forwarded. */
  int expireTimerLeases() {
    return update("UPDATE parley_timer SET claimed_until = claimed_until - INTERVAL '1 hour' WHERE claim_token IS NOT NULL");
  }

  /**
   * Lets every outbox claim expire now: the 5-minute lease of a node that died, fast-forwarded so the
   * test does not wait it out (the same as the clock moving past the lease end).
   */
  int expireOutboxLeases() {
    return update("UPDATE parley_outbox SET available_at = available_at - INTERVAL '1 hour' WHERE state = 'IN_FLIGHT'");
  }
}
