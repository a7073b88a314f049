package dev.parley.bot.concierge;

import dev.parley.bot.concierge.internal.Jdbc;
import dev.parley.core.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link TaskStore} in the conversation store's database (an H2 file or PostgreSQL), tables
 * created by a versioned migration on first use. Task numbers start at 1001. A change is one
 * transaction: the task row by compare-and-set on its version, plus the history line, so several
 * nodes acting on one task never lose a change.
 *
 * <pre>{@code
 * TaskStore tasks = JdbcTaskStore.create(conversationStore.dataSource());
 * }</pre>
 *
 * Thread-safe.
 */
public final class JdbcTaskStore implements TaskStore {
  private static final String COLUMNS = "task_number, recipient_key, customer_id, kind, status, language, slot_what,"
      + " slot_when, slot_where, slot_for_whom, budget_minor, budget_currency, notes, assignee, outcome, created_at,"
      + " updated_at, version";

  private final Jdbc jdbc;

  private JdbcTaskStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A store over {@code dataSource} (an H2 one in PostgreSQL mode), schema migrated. */
  public static JdbcTaskStore create(DataSource dataSource) {
    return new JdbcTaskStore(Jdbc.migrated(dataSource));
  }

  @Override
  public ConciergeTask create(NewTask task) {
    return jdbc.transaction("create concierge task", connection -> {
      long number;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parley_concierge_task (recipient_key,"
          + " customer_id, kind, status, language, slot_what, slot_when, slot_where, slot_for_whom, budget_minor,"
          + " budget_currency, notes, assignee, outcome, created_at, updated_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, 1)", Statement.RETURN_GENERATED_KEYS)) {
        TaskSlots slots = task.slots();
        Jdbc.bind(insert, task.conversation().key(), task.customerId(), task.kind().name(), TaskStatus.NEW.name(),
            task.language(), slots.what(), slots.when(), slots.where(), slots.forWhom(),
            slots.budget() == null ? null : slots.budget().minorUnits(),
            slots.budget() == null ? null : slots.budget().currencyCode(), slots.notes(), task.at(), task.at());
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          number = keys.getLong(1);
        }
      }
      insertEvent(connection, number, new TaskEvent(1, task.at(), task.actor(), TaskEvent.Change.CREATED,
          TaskStatus.NEW, null));
      return load(connection, number).orElseThrow();
    });
  }

  @Override
  public Optional<ConciergeTask> find(long number) {
    return jdbc.transaction("read concierge task", connection -> load(connection, number));
  }

  @Override
  public List<ConciergeTask> list(Set<TaskStatus> statuses, int limit) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", statuses.stream().map(s -> "?").toList());
    return jdbc.transaction("list concierge tasks", connection -> select(connection,
        "SELECT " + COLUMNS + " FROM parley_concierge_task WHERE status IN (" + marks + ")"
            + " ORDER BY created_at, task_number LIMIT " + limit,
        statuses.stream().map(Enum::name).toArray()));
  }

  @Override
  public List<ConciergeTask> forCustomer(String customerId, int limit) {
    return jdbc.transaction("list a customer's concierge tasks", connection -> select(connection,
        "SELECT " + COLUMNS + " FROM parley_concierge_task WHERE customer_id = ? ORDER BY task_number LIMIT " + limit,
        customerId));
  }

  @Override
  public Optional<ConciergeTask> apply(long number, long expectedVersion, TaskChange change) {
    return jdbc.transaction("change concierge task", connection -> {
      Optional<ConciergeTask> current = load(connection, number);
      if (current.isEmpty()) {
        throw new IllegalArgumentException("no concierge task #" + number);
      }
      TaskSlots slots = change.slots();
      int updated;
      try (PreparedStatement update = connection.prepareStatement("UPDATE parley_concierge_task SET status = ?,"
          + " assignee = ?, outcome = ?, slot_what = ?, slot_when = ?, slot_where = ?, slot_for_whom = ?,"
          + " budget_minor = ?, budget_currency = ?, notes = ?, updated_at = ?, version = version + 1"
          + " WHERE task_number = ? AND version = ?")) {
        Jdbc.bind(update, change.status().name(), change.assignee(), change.outcome(), slots.what(), slots.when(),
            slots.where(), slots.forWhom(), slots.budget() == null ? null : slots.budget().minorUnits(),
            slots.budget() == null ? null : slots.budget().currencyCode(), slots.notes(), change.at(), number,
            expectedVersion);
        updated = update.executeUpdate();
      }
      if (updated == 0) {
        return Optional.empty();
      }
      int sequence = current.get().history().size() + 1;
      insertEvent(connection, number, new TaskEvent(sequence, change.at(), change.actor(), change.change(),
          change.status(), change.text()));
      return load(connection, number);
    });
  }

  private static void insertEvent(Connection connection, long number, TaskEvent event) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parley_concierge_task_event (task_number,"
        + " sequence_number, happened_at, actor, change_kind, status, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Jdbc.bind(insert, number, event.sequence(), event.at(), event.actor(), event.change().name(),
          event.status().name(), event.text());
      insert.executeUpdate();
    }
  }

  private static Optional<ConciergeTask> load(Connection connection, long number) throws SQLException {
    List<ConciergeTask> tasks = select(connection, "SELECT " + COLUMNS + " FROM parley_concierge_task WHERE task_number = ?",
        number);
    return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.get(0));
  }

  private static List<ConciergeTask> select(Connection connection, String sql, Object... arguments) throws SQLException {
    List<ConciergeTask> tasks = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Jdbc.bind(select, arguments);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          tasks.add(task(rs, history(connection, rs.getLong("task_number"))));
        }
      }
    }
    return tasks;
  }

  private static List<TaskEvent> history(Connection connection, long number) throws SQLException {
    List<TaskEvent> events = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT sequence_number, happened_at, actor,"
        + " change_kind, status, body FROM parley_concierge_task_event WHERE task_number = ? ORDER BY sequence_number")) {
      select.setLong(1, number);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.add(new TaskEvent(rs.getInt("sequence_number"), Jdbc.instant(rs, "happened_at"), rs.getString("actor"),
              TaskEvent.Change.valueOf(rs.getString("change_kind")), TaskStatus.valueOf(rs.getString("status")),
              rs.getString("body")));
        }
      }
    }
    return events;
  }

  private static ConciergeTask task(ResultSet rs, List<TaskEvent> history) throws SQLException {
    long budgetMinor = rs.getLong("budget_minor");
    Money budget = rs.wasNull() ? null : new Money(budgetMinor, Currency.getInstance(rs.getString("budget_currency")));
    TaskSlots slots = new TaskSlots(rs.getString("slot_what"), rs.getString("slot_when"), rs.getString("slot_where"),
        rs.getString("slot_for_whom"), budget, rs.getString("notes"));
    return new ConciergeTask(rs.getLong("task_number"), Jdbc.recipient(rs.getString("recipient_key")),
        rs.getString("customer_id"), TaskKind.valueOf(rs.getString("kind")), slots,
        TaskStatus.valueOf(rs.getString("status")), rs.getString("assignee"), rs.getString("outcome"),
        rs.getString("language"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"),
        rs.getLong("version"), history);
  }

  @Override
  public String toString() {
    return "JdbcTaskStore";
  }
}
