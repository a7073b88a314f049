package dev.parley.bot.handoff;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.parley.bot.concierge.internal.Jdbc;
import dev.parley.core.Recipient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link HandoffStore} in the conversation store's database (an H2 file or PostgreSQL), tables
 * created by a versioned migration on first use; writes are compare-and-set on the version, so two
 * nodes claiming one conversation resolve to one winner. Thread-safe.
 *
 * <pre>{@code
 * HandoffStore handoffs = JdbcHandoffStore.create(conversationStore.dataSource());
 * }</pre>
 */
public final class JdbcHandoffStore implements HandoffStore {
  private static final Gson GSON = new Gson();
  private static final String COLUMNS = "recipient_key, customer_id, status, reason, detail, slots_json, language,"
      + " requested_at, agent, claimed_at, last_activity_at, unread, low_confidence_streak, version";

  private final Jdbc jdbc;

  private JdbcHandoffStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A store over {@code dataSource} (an H2 one in PostgreSQL mode), schema migrated. */
  public static JdbcHandoffStore create(DataSource dataSource) {
    return new JdbcHandoffStore(Jdbc.migrated(dataSource));
  }

  @Override
  public Optional<Handoff> find(Recipient conversation) {
    return jdbc.transaction("read handoff", connection -> {
      List<Handoff> found = select(connection, "SELECT " + COLUMNS + " FROM parley_handoff WHERE recipient_key = ?",
          conversation.key());
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    });
  }

  @Override
  public Optional<Handoff> save(Handoff h) {
    return jdbc.transaction("save handoff", connection -> {
      String slots = h.slots().isEmpty() ? null : GSON.toJson(h.slots());
      Object[] values = {h.customerId(), h.status().name(), h.reason() == null ? null : h.reason().name(), h.detail(),
          slots, h.language(), h.requestedAt(), h.agent(), h.claimedAt(), h.lastActivityAt(), h.unread(),
          h.lowConfidenceStreak()};
      int changed;
      if (h.version() == 0) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parley_handoff (customer_id, status,"
            + " reason, detail, slots_json, language, requested_at, agent, claimed_at, last_activity_at, unread,"
            + " low_confidence_streak, recipient_key, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            + " ON CONFLICT DO NOTHING")) {
          Jdbc.bind(insert, append(values, h.conversation().key()));
          changed = insert.executeUpdate();
        }
      } else {
        try (PreparedStatement update = connection.prepareStatement("UPDATE parley_handoff SET customer_id = ?,"
            + " status = ?, reason = ?, detail = ?, slots_json = ?, language = ?, requested_at = ?, agent = ?,"
            + " claimed_at = ?, last_activity_at = ?, unread = ?, low_confidence_streak = ?, version = version + 1"
            + " WHERE recipient_key = ? AND version = ?")) {
          Jdbc.bind(update, append(append(values, h.conversation().key()), h.version()));
          changed = update.executeUpdate();
        }
      }
      if (changed == 0) {
        return Optional.empty();
      }
      return Optional.of(select(connection, "SELECT " + COLUMNS + " FROM parley_handoff WHERE recipient_key = ?",
          h.conversation().key()).get(0));
    });
  }

  @Override
  public List<Handoff> list(Set<HandoffStatus> statuses, int limit) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", statuses.stream().map(s -> "?").toList());
    return jdbc.transaction("list handoffs", connection -> select(connection, "SELECT " + COLUMNS
        + " FROM parley_handoff WHERE status IN (" + marks + ") ORDER BY requested_at, recipient_key LIMIT " + limit,
        statuses.stream().map(Enum::name).toArray()));
  }

  @Override
  public List<Handoff> idle(java.time.Instant cutoff, int limit) {
    return jdbc.transaction("list idle handoffs", connection -> select(connection, "SELECT " + COLUMNS
        + " FROM parley_handoff WHERE status IN ('WAITING', 'ACTIVE') AND last_activity_at <= ?"
        + " ORDER BY last_activity_at LIMIT " + limit, cutoff));
  }

  private static Object[] append(Object[] values, Object value) {
    Object[] longer = java.util.Arrays.copyOf(values, values.length + 1);
    longer[values.length] = value;
    return longer;
  }

  private static List<Handoff> select(Connection connection, String sql, Object... arguments) throws SQLException {
    List<Handoff> result = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Jdbc.bind(select, arguments);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String slotsJson = rs.getString("slots_json");
          Map<String, String> slots = slotsJson == null ? Map.of()
              : GSON.fromJson(slotsJson, new TypeToken<Map<String, String>>() {}.getType());
          String reason = rs.getString("reason");
          result.add(new Handoff(Jdbc.recipient(rs.getString("recipient_key")), rs.getString("customer_id"),
              HandoffStatus.valueOf(rs.getString("status")), reason == null ? null : HandoffReason.valueOf(reason),
              rs.getString("detail"), slots, rs.getString("language"), Jdbc.instant(rs, "requested_at"),
              rs.getString("agent"), Jdbc.instant(rs, "claimed_at"), Jdbc.instant(rs, "last_activity_at"),
              rs.getInt("unread"), rs.getInt("low_confidence_streak"), rs.getLong("version")));
        }
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return "JdbcHandoffStore";
  }
}
