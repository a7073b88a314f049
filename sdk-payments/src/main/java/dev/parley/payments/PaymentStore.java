package dev.parley.payments;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Where payment state lives: orders as offered, their payment status, refunds, and the journal of
 * Stripe events already processed. Use {@link #jdbc(DataSource)} on the conversation store's
 * database in production (state survives restarts; several nodes share it) and {@link #inMemory()}
 * for tests and demos.
 *
 * <p>Every change to one order happens atomically under a lock on that order (a row lock on
 * PostgreSQL), together with the record of the Stripe event that caused it: a redelivered event is
 * recognised, and two agents refunding at once are serialised. Thread-safe.
 */
public abstract sealed class PaymentStore permits InMemoryPaymentStore, JdbcPaymentStore {

  PaymentStore() {}

  /** A store in this process's memory: lost on restart. */
  public static PaymentStore inMemory() {
    return new InMemoryPaymentStore();
  }

  /**
   * A store in the database behind {@code dataSource} (PostgreSQL, or H2 in PostgreSQL mode),
   * creating or upgrading its tables ({@code parley_payment_*}) on the way.
   */
  public static PaymentStore jdbc(DataSource dataSource) {
    return new JdbcPaymentStore(dataSource);
  }

  /** The payment state of an order, if a payment page was ever made for it. */
  public abstract Optional<PaymentState> state(String orderId);

  /** The latest version of the order a payment page was made for. */
  public abstract Optional<Order> order(String orderId);

  /** The order's refunds, oldest first. */
  public abstract List<IssuedRefund> refunds(String orderId);

  /** Runs {@code work} on the order's records under the order's lock and writes back what it changed. */
  abstract <T> T update(String orderId, Function<Ledger, T> work);

  /** The order paid with this PaymentIntent. */
  abstract Optional<String> orderIdForPaymentIntent(String paymentIntentId);

  /**
   * Records Stripe event {@code eventId} and, if it is new, applies {@code decide} to the order's
   * records in the same transaction, keeping the outcome for redelivery. If the event was recorded
   * before but not marked handled (a listener failed), returns the kept outcome without deciding again.
   */
  abstract EventRecord recordEvent(String eventId, String eventType, String orderId,
      Function<Ledger, PaymentEvent> decide);

  /** Marks the event handled: every listener got its outcome, redeliveries are dropped. */
  abstract void markHandled(String eventId);

  /**
   * What recording an event found.
   *
   * @param duplicate the event was handled before: do nothing
   * @param outcome the outcome to deliver to listeners, or null for none
   */
  record EventRecord(boolean duplicate, PaymentEvent outcome) {}
}
