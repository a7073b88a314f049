package dev.parley.bot.agent;

import dev.parley.bot.concierge.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * An {@link AgentActionLog} in the conversation store's database, kept for good (it is the record
 * of who refunded what). Thread-safe.
 */
public final class JdbcAgentActionLog implements AgentActionLog {
  private final Jdbc jdbc;

  private JdbcAgentActionLog(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A log over {@code dataSource} (an H2 one in PostgreSQL mode), schema migrated. */
  public static JdbcAgentActionLog create(DataSource dataSource) {
    return new JdbcAgentActionLog(Jdbc.migrated(dataSource));
  }

  @Override
  public AgentAction record(AgentAction action) {
    return jdbc.transaction("record agent action", connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parley_agent_action (happened_at, agent,"
          + " action, target, detail) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        Jdbc.bind(insert, action.at(), action.agent(), action.action(), action.target(), action.detail());
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return new AgentAction(keys.getLong(1), action.at(), action.agent(), action.action(), action.target(),
              action.detail());
        }
      }
    });
  }

  @Override
  public List<AgentAction> recent(String target, int limit) {
    return jdbc.transaction("read agent actions", connection -> {
      String sql = "SELECT id, happened_at, agent, action, target, detail FROM parley_agent_action"
          + (target == null ? "" : " WHERE target = ?") + " ORDER BY id DESC LIMIT " + limit;
      List<AgentAction> actions = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        if (target != null) {
          select.setString(1, target);
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            actions.add(new AgentAction(rs.getLong("id"), Jdbc.instant(rs, "happened_at"), rs.getString("agent"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail")));
          }
        }
      }
      return actions;
    });
  }

  @Override
  public String toString() {
    return "JdbcAgentActionLog";
  }
}
