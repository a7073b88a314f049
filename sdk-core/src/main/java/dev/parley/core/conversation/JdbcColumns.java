package dev.parley.core.conversation;

import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How the JDBC stores map values to columns: instants as {@code TIMESTAMP WITH TIME ZONE} in UTC,
 * recipients as their {@link Recipient#key()} text ({@code channel:businessId:userId}, whose parts
 * never contain a colon).
 */
final class JdbcColumns {
  private JdbcColumns() {}

  static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(Timestamps.micros(instant), ZoneOffset.UTC));
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Recipient recipient(String key) {
    if (key == null) {
      return null;
    }
    String[] parts = key.split(":", 3);
    return new Recipient(Channel.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], parts[2]);
  }

  static Recipient recipient(ResultSet rs, String column) throws SQLException {
    return recipient(rs.getString(column));
  }
}
