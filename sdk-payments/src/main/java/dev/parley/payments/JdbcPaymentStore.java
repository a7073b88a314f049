package dev.parley.payments;

import dev.parley.core.Money;
import dev.parley.core.internal.jdbc.SchemaMigrations;
import dev.parley.core.internal.jdbc.Transactions;
import dev.parley.payments.internal.OrderCodec;
import dev.parley.payments.internal.OutcomeCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link PaymentStore} in SQL that H2 (PostgreSQL mode) and PostgreSQL both run. Each order change
 * is one transaction holding the order's row lock ({@code SELECT ... FOR UPDATE}), so nodes sharing
 * the database serialise on an order and never on each other's. Thread-safe.
 */
final class JdbcPaymentStore extends PaymentStore {
  static final List<String> MIGRATIONS = List.of("/dev/parley/payments/db/V1__payments.sql");
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  JdbcPaymentStore(DataSource dataSource) {
    this.dataSource = dataSource;
    SchemaMigrations.apply(dataSource, "payments", MIGRATIONS);
  }

  @Override
  public Optional<PaymentState> state(String orderId) {
    return read(connection -> loadState(connection, orderId, false));
  }

  @Override
  public Optional<Order> order(String orderId) {
    return read(connection -> loadOrder(connection, orderId));
  }

  @Override
  public List<IssuedRefund> refunds(String orderId) {
    return read(connection -> loadRefunds(connection, orderId).stream().map(Ledger.RefundEntry::refund).toList());
  }

  @Override
  <T> T update(String orderId, Function<Ledger, T> work) {
    return transaction(connection -> {
      Ledger ledger = lockAndLoad(connection, orderId);
      T result = work.apply(ledger);
      save(connection, orderId, ledger);
      return result;
    });
  }

  @Override
  Optional<String> orderIdForPaymentIntent(String paymentIntentId) {
    return read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT order_id FROM parley_payment_orders WHERE payment_intent_id = ?")) {
        select.setString(1, paymentIntentId);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  EventRecord recordEvent(String eventId, String eventType, String orderId, Function<Ledger, PaymentEvent> decide) {
    return transaction(connection -> {
      // The order's row lock also serialises two deliveries of the same event.
      Ledger ledger = lockAndLoad(connection, orderId);
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT handled, outcome_json FROM parley_payment_webhook_events WHERE event_id = ?")) {
        select.setString(1, eventId);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            if (rs.getBoolean(1)) {
              return new EventRecord(true, null);
            }
            return new EventRecord(false, OutcomeCodec.decode(rs.getString(2), ledger.order().orElse(null)));
          }
        }
      }
      PaymentEvent outcome = decide.apply(ledger);
      save(connection, orderId, ledger);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO parley_payment_webhook_events (event_id, event_type, order_id, received_at, handled, outcome_json)"
              + " VALUES (?, ?, ?, ?, FALSE, ?)")) {
        insert.setString(1, eventId);
        insert.setString(2, eventType);
        insert.setString(3, orderId);
        insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
        insert.setString(5, OutcomeCodec.encode(outcome));
        insert.executeUpdate();
      }
      return new EventRecord(false, outcome);
    });
  }

  @Override
  void markHandled(String eventId) {
    transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE parley_payment_webhook_events SET handled = TRUE WHERE event_id = ?")) {
        update.setString(1, eventId);
        update.executeUpdate();
      }
      return null;
    });
  }

  private Ledger lockAndLoad(Connection connection, String orderId) throws SQLException {
    Optional<PaymentState> state = loadState(connection, orderId, true);
    Order order = state.isPresent() ? loadOrder(connection, orderId).orElse(null) : null;
    return new Ledger(order, state.orElse(null), state.isPresent() ? loadRefunds(connection, orderId) : List.of());
  }

  private static Optional<PaymentState> loadState(Connection connection, String orderId, boolean lock)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT order_version, currency, total_minor, status, attempt, session_id, checkout_url, expires_at,"
            + " payment_intent_id, paid_minor, refunded_minor, updated_at FROM parley_payment_orders WHERE order_id = ?"
            + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Currency currency = Currency.getInstance(rs.getString(2).trim());
        return Optional.of(new PaymentState(orderId, rs.getInt(1), PaymentStatus.valueOf(rs.getString(4)),
            new Money(rs.getLong(3), currency), new Money(rs.getLong(10), currency),
            new Money(rs.getLong(11), currency), rs.getString(6), rs.getInt(5), rs.getString(7),
            instant(rs, 8), rs.getString(9), instant(rs, 12)));
      }
    }
  }

  private static Optional<Order> loadOrder(Connection connection, String orderId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT order_json FROM parley_payment_orders WHERE order_id = ?")) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(OrderCodec.decode(rs.getString(1))) : Optional.empty();
      }
    }
  }

  private static List<Ledger.RefundEntry> loadRefunds(Connection connection, String orderId) throws SQLException {
    List<Ledger.RefundEntry> refunds = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT r.request_id, r.refund_id, r.amount_minor, r.status, r.agent, r.requested_at, r.failure_reason,"
            + " r.announced, o.currency FROM parley_payment_refunds r"
            + " JOIN parley_payment_orders o ON o.order_id = r.order_id"
            + " WHERE r.order_id = ? ORDER BY r.requested_at, r.request_id")) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Currency currency = Currency.getInstance(rs.getString(9).trim());
          IssuedRefund refund = new IssuedRefund(rs.getString(2), orderId, rs.getString(1),
              new Money(rs.getLong(3), currency), IssuedRefund.Status.valueOf(rs.getString(4)), rs.getString(5),
              instant(rs, 6), rs.getString(7));
          refunds.add(new Ledger.RefundEntry(refund, rs.getBoolean(8)));
        }
      }
    }
    return refunds;
  }

  private static void save(Connection connection, String orderId, Ledger ledger) throws SQLException {
    if (ledger.stateChanged() || ledger.orderChanged()) {
      PaymentState state = ledger.state().orElseThrow();
      Order order = ledger.order().orElseThrow();
      String sql = ledger.existed()
          ? "UPDATE parley_payment_orders SET order_version = ?, order_json = ?, currency = ?, total_minor = ?,"
              + " status = ?, attempt = ?, session_id = ?, checkout_url = ?, expires_at = ?, payment_intent_id = ?,"
              + " paid_minor = ?, refunded_minor = ?, updated_at = ? WHERE order_id = ?"
          : "INSERT INTO parley_payment_orders (order_version, order_json, currency, total_minor, status, attempt,"
              + " session_id, checkout_url, expires_at, payment_intent_id, paid_minor, refunded_minor, updated_at,"
              + " order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setInt(1, state.orderVersion());
        statement.setString(2, OrderCodec.encode(order));
        statement.setString(3, order.currency().getCurrencyCode());
        statement.setLong(4, state.total().minorUnits());
        statement.setString(5, state.status().name());
        statement.setInt(6, state.attempt());
        statement.setString(7, state.sessionId());
        statement.setString(8, state.checkoutUrl());
        statement.setObject(9, timestamp(state.expiresAt()));
        statement.setString(10, state.paymentIntentId());
        statement.setLong(11, state.paid().minorUnits());
        statement.setLong(12, state.refunded().minorUnits());
        statement.setObject(13, timestamp(state.updatedAt()));
        statement.setString(14, orderId);
        statement.executeUpdate();
      }
    }
    for (Ledger.RefundEntry entry : ledger.refunds()) {
      IssuedRefund refund = entry.refund();
      if (ledger.isNewRefund(refund.requestId())) {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO parley_payment_refunds (refund_id, amount_minor, status, agent, requested_at, failure_reason,"
                + " announced, order_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          bindRefund(insert, orderId, entry);
          insert.executeUpdate();
        }
      } else if (ledger.isChangedRefund(refund.requestId())) {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE parley_payment_refunds SET refund_id = ?, amount_minor = ?, status = ?, agent = ?, requested_at = ?,"
                + " failure_reason = ?, announced = ? WHERE order_id = ? AND request_id = ?")) {
          bindRefund(update, orderId, entry);
          update.executeUpdate();
        }
      }
    }
  }

  private static void bindRefund(PreparedStatement statement, String orderId, Ledger.RefundEntry entry)
      throws SQLException {
    IssuedRefund refund = entry.refund();
    statement.setString(1, refund.refundId());
    statement.setLong(2, refund.amount().minorUnits());
    statement.setString(3, refund.status().name());
    statement.setString(4, refund.agent());
    statement.setObject(5, timestamp(refund.requestedAt()));
    statement.setString(6, refund.failureReason());
    statement.setBoolean(7, entry.announced());
    statement.setString(8, orderId);
    statement.setString(9, refund.requestId());
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new PaymentStoreException("payment store read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in a transaction. Two first writes of the same new order collide on the
   * primary key; the loser rolls back and runs again, now finding the winner's row to lock.
   */
  private <T> T transaction(SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        return Transactions.inTransaction(connection, work::run);
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < 3) {
          continue;
        }
        throw new PaymentStoreException("payment store update failed: " + e.getMessage(), e);
      }
    }
  }
}
