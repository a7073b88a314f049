package dev.parley.payments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link PaymentStore} in a few maps behind one lock. Thread-safe. */
final class InMemoryPaymentStore extends PaymentStore {
  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, PaymentState> states = new HashMap<>();
  private final Map<String, List<Ledger.RefundEntry>> refunds = new HashMap<>();
  private final Map<String, EventRow> events = new HashMap<>();

  private record EventRow(String orderId, boolean handled, PaymentEvent outcome) {}

  @Override
  public synchronized Optional<PaymentState> state(String orderId) {
    return Optional.ofNullable(states.get(orderId));
  }

  @Override
  public synchronized Optional<Order> order(String orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  @Override
  public synchronized List<IssuedRefund> refunds(String orderId) {
    return refunds.getOrDefault(orderId, List.of()).stream().map(Ledger.RefundEntry::refund).toList();
  }

  @Override
  synchronized <T> T update(String orderId, Function<Ledger, T> work) {
    Ledger ledger = load(orderId);
    T result = work.apply(ledger);
    save(orderId, ledger);
    return result;
  }

  @Override
  synchronized Optional<String> orderIdForPaymentIntent(String paymentIntentId) {
    return states.values().stream()
        .filter(s -> paymentIntentId.equals(s.paymentIntentId()))
        .map(PaymentState::orderId)
        .findFirst();
  }

  @Override
  synchronized EventRecord recordEvent(String eventId, String eventType, String orderId,
      Function<Ledger, PaymentEvent> decide) {
    EventRow seen = events.get(eventId);
    if (seen != null) {
      return seen.handled() ? new EventRecord(true, null) : new EventRecord(false, seen.outcome());
    }
    Ledger ledger = load(orderId);
    PaymentEvent outcome = decide.apply(ledger);
    save(orderId, ledger);
    events.put(eventId, new EventRow(orderId, false, outcome));
    return new EventRecord(false, outcome);
  }

  @Override
  synchronized void markHandled(String eventId) {
    EventRow row = events.get(eventId);
    if (row != null) {
      events.put(eventId, new EventRow(row.orderId(), true, row.outcome()));
    }
  }

  private Ledger load(String orderId) {
    return new Ledger(orders.get(orderId), states.get(orderId), refunds.getOrDefault(orderId, List.of()));
  }

  private void save(String orderId, Ledger ledger) {
    ledger.order().ifPresent(o -> orders.put(orderId, o));
    ledger.state().ifPresent(s -> states.put(orderId, s));
    refunds.put(orderId, new ArrayList<>(ledger.refunds()));
  }
}
