package dev.parley.core.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Versioned scripts against a real (H2) database, including versions that arrive out of order. */
class SchemaMigrationsTest {
  private static final String V1 = "/dev/parley/core/internal/jdbc/V1__probe_table.sql";
  private static final String V2 = "/dev/parley/core/internal/jdbc/V2__late_arrival.sql";
  private static final String V3 = "/dev/parley/core/internal/jdbc/V3__early_arrival.sql";

  private final JdbcDataSource database = new JdbcDataSource();

  SchemaMigrationsTest() {
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
  }

  @Test
  void eachScriptRunsOnceInOrder() throws SQLException {
    SchemaMigrations.apply(database, "probe", List.of(V1, V2, V3));
    SchemaMigrations.apply(database, "probe", List.of(V1, V2, V3));

    assertEquals(List.of(1, 2, 3), probeRows());
  }

  @Test
  void aVersionMergedAfterAHigherOneIsStillApplied() throws SQLException {
    SchemaMigrations.apply(database, "probe", List.of(V1, V3));
    SchemaMigrations.apply(database, "probe", List.of(V1, V2, V3));

    assertEquals(List.of(1, 3, 2), probeRows(), "V2 ran when it arrived, V1 and V3 did not run again");
    assertEquals(List.of(0, 1, 2, 3), recordedVersions());
  }

  @Test
  void componentsKeepTheirOwnVersions() throws SQLException {
    SchemaMigrations.apply(database, "probe", List.of(V1));
    SchemaMigrations.apply(database, "other", List.of(V2));

    assertEquals(List.of(1, 2), probeRows());
  }

  @Test
  void aStatementMarkedForOneDatabaseRunsOnThatOneOnly() {
    String script = """
        -- the outbox's claim index
        CREATE TABLE t (id INTEGER);
        -- only on PostgreSQL
        CREATE INDEX t_pending ON t (id)
          WHERE id > 0;
        -- only on H2
        CREATE INDEX t_all ON t (id);
        """;

    assertEquals(List.of("CREATE TABLE t (id INTEGER)", "CREATE INDEX t_pending ON t (id)\n  WHERE id > 0"),
        SchemaMigrations.statements(script, "PostgreSQL"));
    assertEquals(List.of("CREATE TABLE t (id INTEGER)", "CREATE INDEX t_all ON t (id)"),
        SchemaMigrations.statements(script, "H2"));
  }

  private List<Integer> probeRows() throws SQLException {
    return integers("SELECT version FROM migration_probe ORDER BY _ROWID_");
  }

  private List<Integer> recordedVersions() throws SQLException {
    return integers("SELECT version FROM parley_schema_version WHERE component = 'probe' ORDER BY version");
  }

  private List<Integer> integers(String sql) throws SQLException {
    List<Integer> values = new ArrayList<>();
    try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getInt(1));
      }
    }
    return values;
  }
}
