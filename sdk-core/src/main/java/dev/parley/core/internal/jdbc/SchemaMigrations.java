package dev.parley.core.internal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies versioned SQL scripts at start-up, once each, in order, per component ({@code core},
 * {@code payments}, {@code bot}): the schema of each module evolves on its own, in the same database.
 *
 * <p>Why not Flyway or Liquibase: they would put a JSON/YAML stack and hundreds of classes on every
 * merchant's classpath for what is, here, a table of applied versions and a loop. Scripts are named
 * {@code V<version>__<description>.sql}, contain plain statements separated by a {@code ;} at the end
 * of a line (no procedural blocks), and are written in the SQL that H2 (in PostgreSQL mode) and
 * PostgreSQL both accept, except statements marked {@code -- only on PostgreSQL} or {@code -- only
 * on H2}. An applied script is never edited: changes are a new version.
 *
 * <p>Each version is applied unless the database records it, not only versions above the highest
 * recorded: a database migrated by a build that had V5 but not yet V4 (versions reserved by work
 * merged later) still gets V4 when it arrives. A script must therefore not undo what a higher
 * version did; in practice each one adds its own tables, columns or indexes.
 *
 * <p>Several nodes starting together are safe: each component's migration holds a row lock in
 * {@code parley_schema_version} while it runs, so one node migrates and the others then see the
 * versions applied. Public for wiring between Parley's modules only; not an API.
 */
public final class SchemaMigrations {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
  private static final Pattern NAME = Pattern.compile(".*/V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  /**
   * A comment line {@code -- only on PostgreSQL} (or {@code H2}) right before a statement runs it on
   * that database only: for what one of them lacks, such as H2's missing partial indexes.
   */
  static final Pattern ONLY_ON = Pattern.compile("-- only on (PostgreSQL|H2)");

  private SchemaMigrations() {}

  /**
   * Applies the scripts at {@code resourcePaths} (classpath resources, in version order) that the
   * database has not seen yet for {@code component}.
   */
  public static void apply(DataSource dataSource, String component, List<String> resourcePaths) {
    try (Connection connection = dataSource.getConnection()) {
      createVersionTable(connection);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        lockComponent(connection, component);
        Set<Integer> applied = appliedVersions(connection, component);
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String database = product.contains("postgres") ? "PostgreSQL" : "H2";
        for (String path : resourcePaths) {
          Matcher m = NAME.matcher(path);
          if (!m.matches()) {
            throw new IllegalArgumentException("migration " + path + " is not named V<version>__<description>.sql");
          }
          int version = Integer.parseInt(m.group(1));
          if (!applied.add(version)) {
            continue;
          }
          for (String sql : statements(read(path), database)) {
            try (Statement statement = connection.createStatement()) {
              statement.execute(sql);
            }
          }
          try (PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO parley_schema_version (component, version, description) VALUES (?, ?, ?)")) {
            insert.setString(1, component);
            insert.setInt(2, version);
            insert.setString(3, m.group(2));
            insert.executeUpdate();
          }
          log.info("applied migration {} V{} {}", component, version, m.group(2));
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("schema migration of " + component + " failed: " + e.getMessage(), e);
    }
  }

  private static void createVersionTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS parley_schema_version ("
          + " component VARCHAR(64) NOT NULL,"
          + " version INTEGER NOT NULL,"
          + " description VARCHAR(200) NOT NULL,"
          + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,"
          + " PRIMARY KEY (component, version))");
    } catch (SQLException e) {
      // Two nodes creating the table at once: the loser sees it exists, which is all we need.
      if (!tableExists(connection)) {
        throw e;
      }
    }
  }

  private static boolean tableExists(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1 FROM parley_schema_version WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Version 0 is a sentinel row per component; holding it FOR UPDATE serialises migrators. */
  private static void lockComponent(Connection connection, String component) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT version FROM parley_schema_version WHERE component = ? AND version = 0 FOR UPDATE")) {
      select.setString(1, component);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO parley_schema_version (component, version, description) VALUES (?, 0, 'lock')")) {
      insert.setString(1, component);
      insert.executeUpdate();
    } catch (SQLException duplicate) {
      // Another node inserted the sentinel first; start over holding its lock.
      connection.rollback();
    }
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT version FROM parley_schema_version WHERE component = ? AND version = 0 FOR UPDATE")) {
      select.setString(1, component);
      select.executeQuery().close();
    }
  }

  private static Set<Integer> appliedVersions(Connection connection, String component) throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT version FROM parley_schema_version WHERE component = ? AND version > 0")) {
      select.setString(1, component);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          versions.add(rs.getInt(1));
        }
      }
    }
    return versions;
  }

  /** The statements of {@code script} that {@code database} runs (see {@link #ONLY_ON}). */
  static List<String> statements(String script, String database) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String onlyOn = null;
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      Matcher guard = ONLY_ON.matcher(trimmed);
      if (guard.matches() && current.isEmpty()) {
        onlyOn = guard.group(1);
        continue;
      }
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        if (onlyOn == null || onlyOn.equalsIgnoreCase(database)) {
          statements.add(sql.substring(0, sql.length() - 1));
        }
        current.setLength(0);
        onlyOn = null;
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static String read(String path) {
    try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("migration " + path + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + path, e);
    }
  }
}
