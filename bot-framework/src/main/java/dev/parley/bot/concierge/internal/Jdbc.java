package dev.parley.bot.concierge.internal;

import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStoreException;
import dev.parley.core.internal.jdbc.SchemaMigrations;
import dev.parley.core.internal.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.List;
import javax.sql.DataSource;

/**
 * Transactions over a {@link DataSource} for the bot framework's JDBC stores (tasks, handoffs, the
 * action log), and the schema migration they share (component {@code bot-concierge}). Public for
 * wiring inside the bot framework only; not an API. Thread-safe.
 */
public final class Jdbc {
  /** The migration component of the concierge, handoff and action-log tables. */
  public static final String COMPONENT = "bot-concierge";
  static final List<String> MIGRATIONS = List.of("/dev/parley/bot/db/V1__concierge_and_handoff.sql");

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  private Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Migrates the schema (once per database; safe from several nodes) and returns a runner. */
  public static Jdbc migrated(DataSource dataSource) {
    SchemaMigrations.apply(dataSource, COMPONENT, MIGRATIONS);
    return new Jdbc(dataSource);
  }

  /** Runs {@code work} in a transaction; commits if it returns, rolls back if it throws. */
  public <T> T transaction(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return Transactions.inTransaction(connection, work::run);
    } catch (SQLException e) {
      throw new ConversationStoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** An instant as the databases keep it: microseconds, UTC. */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The recipient of a stored key {@code channel:businessId:userId}. */
  public static Recipient recipient(String key) {
    String[] parts = key.split(":", 3);
    return new Recipient(Channel.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], parts[2]);
  }

  /** Binds {@code values} to the statement's parameters in order (null as SQL NULL of the value's usual type). */
  public static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof Instant instant) {
        statement.setObject(i + 1, timestamp(instant));
      } else if (value == null) {
        statement.setNull(i + 1, java.sql.Types.NULL);
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}
