package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Money;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link PaymentStore} must do; run over each implementation. */
abstract class PaymentStoreContract {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  abstract PaymentStore store();

  static Order richOrder() {
    return Order.builder("ord_rich", Harness.CUSTOMER, "conv_9")
        .version(3)
        .customerName("Grace Hopper")
        .customerEmail("grace@example.com")
        .item("Kettle", 1, Money.parse("49.990", "KWD"), "https://shop.example/k.jpg")
        .item("Filters", 3, Money.parse("1.250", "KWD"))
        .shipping(new Order.Shipping("Courier", Money.parse("2.000", "KWD"),
            new Order.Address("5 Gulf Road", "Floor 2", "Kuwait City", "13001", null, "Kuwait")))
        .tax("VAT", Money.parse("0.500", "KWD"))
        .discount("Loyalty", Money.parse("3.000", "KWD"))
        .build();
  }

  static PaymentState paidState(Order order) {
    Money zero = new Money(0, order.currency());
    return new PaymentState(order.id(), order.version(), PaymentStatus.PAID, order.total(), order.total(), zero,
        "cs_rich", 2, "https://checkout.stripe.com/c/pay/cs_rich", T.plus(1, ChronoUnit.HOURS), "pi_rich", T);
  }

  void seed(PaymentStore store, Order order, PaymentState state) {
    store.update(order.id(), ledger -> {
      ledger.putOrder(order);
      ledger.putState(state);
      return null;
    });
  }

  @Test
  void ordersAndStatesComeBackExactly() {
    PaymentStore store = store();
    Order order = richOrder();
    seed(store, order, paidState(order));

    assertEquals(order, store.order("ord_rich").orElseThrow());
    assertEquals(paidState(order), store.state("ord_rich").orElseThrow());
    assertEquals("ord_rich", store.orderIdForPaymentIntent("pi_rich").orElseThrow());
    assertTrue(store.state("ord_missing").isEmpty());
    assertTrue(store.orderIdForPaymentIntent("pi_missing").isEmpty());
  }

  @Test
  void anEventIsDecidedOnceAndKeptUntilHandled() {
    PaymentStore store = store();
    Order order = richOrder();
    seed(store, order, paidState(order));
    AtomicInteger decisions = new AtomicInteger();
    PaymentEvent expired = new PaymentEvent.Expired(order, "cs_rich");

    PaymentStore.EventRecord first = store.recordEvent("evt_1", "checkout.session.expired", "ord_rich", ledger -> {
      decisions.incrementAndGet();
      return expired;
    });
    PaymentStore.EventRecord redelivered = store.recordEvent("evt_1", "checkout.session.expired", "ord_rich", ledger -> {
      decisions.incrementAndGet();
      return null;
    });
    store.markHandled("evt_1");
    PaymentStore.EventRecord duplicate = store.recordEvent("evt_1", "checkout.session.expired", "ord_rich", ledger -> {
      decisions.incrementAndGet();
      return null;
    });

    assertEquals(1, decisions.get());
    assertEquals(expired, first.outcome());
    assertFalse(redelivered.duplicate());
    assertEquals(expired, redelivered.outcome());
    assertTrue(duplicate.duplicate());
    assertNull(duplicate.outcome());
  }

  @Test
  void everyOutcomeKindSurvivesTheJournal() {
    PaymentStore store = store();
    Order order = richOrder();
    seed(store, order, paidState(order));
    Money amount = Money.parse("1.250", "KWD");
    List<PaymentEvent> outcomes = List.of(
        new PaymentEvent.Paid(order, "cs_rich", "pi_rich", order.total()),
        new PaymentEvent.Failed(order, "cs_rich"),
        new PaymentEvent.Refunded(order, "re_1", amount, amount, "ana"),
        new PaymentEvent.RefundFailed(order, "re_2", amount, "unknown", null));
    for (int i = 0; i < outcomes.size(); i++) {
      PaymentEvent outcome = outcomes.get(i);
      store.recordEvent("evt_k" + i, "t", "ord_rich", ledger -> outcome);
      assertEquals(outcome, store.recordEvent("evt_k" + i, "t", "ord_rich", ledger -> null).outcome());
    }
  }

  @Test
  void aDecisionThatThrowsLeavesNoTrace() {
    PaymentStore store = store();
    Order order = richOrder();
    seed(store, order, paidState(order));

    assertThrows(EventNotReadyException.class, () -> store.recordEvent("evt_x", "refund.created", "ord_rich", ledger -> {
      ledger.putState(ledger.state().orElseThrow().withStatus(PaymentStatus.REFUNDED, T));
      throw new EventNotReadyException("not yet");
    }));

    assertEquals(PaymentStatus.PAID, store.state("ord_rich").orElseThrow().status());
    AtomicInteger decided = new AtomicInteger();
    store.recordEvent("evt_x", "refund.created", "ord_rich", ledger -> {
      decided.incrementAndGet();
      return null;
    });
    assertEquals(1, decided.get(), "the event was not recorded, so it is decided on redelivery");
  }

  @Test
  void refundsAreAddedAndUpdatedInOrder() {
    PaymentStore store = store();
    Order order = richOrder();
    seed(store, order, paidState(order));
    Money amount = Money.parse("1.250", "KWD");
    IssuedRefund first = new IssuedRefund(null, "ord_rich", "req_1", amount, IssuedRefund.Status.REQUESTED, "ana", T, null);
    IssuedRefund second = new IssuedRefund(null, "ord_rich", "req_2", amount, IssuedRefund.Status.REQUESTED, "bob",
        T.plusSeconds(5), null);

    store.update("ord_rich", ledger -> {
      ledger.addRefund(new Ledger.RefundEntry(first, false));
      ledger.addRefund(new Ledger.RefundEntry(second, false));
      return null;
    });
    store.update("ord_rich", ledger -> {
      ledger.replaceRefund(new Ledger.RefundEntry(first.answered("re_1", IssuedRefund.Status.SUCCEEDED, null), true));
      return null;
    });

    List<IssuedRefund> refunds = store.refunds("ord_rich");
    assertEquals(List.of("req_1", "req_2"), refunds.stream().map(IssuedRefund::requestId).toList());
    assertEquals("re_1", refunds.get(0).refundId());
    assertEquals(IssuedRefund.Status.SUCCEEDED, refunds.get(0).status());
    assertEquals(IssuedRefund.Status.REQUESTED, refunds.get(1).status());
    boolean announced = store.update("ord_rich", ledger -> ledger.refundById("re_1").orElseThrow().announced());
    assertTrue(announced);
  }

  @Test
  void concurrentChangesToOneOrderNeverInterleave() throws Exception {
    PaymentStore store = store();
    Order order = richOrder();
    seed(store, order, paidState(order));
    Money slice = Money.parse("10.000", "KWD");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> reservations = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String requestId = "req_" + i;
        reservations.add(() -> store.update("ord_rich", ledger -> {
          Money held = new Money(0, order.currency());
          for (Ledger.RefundEntry entry : ledger.refunds()) {
            held = held.plus(entry.refund().amount());
          }
          if (held.plus(slice).compareTo(order.total()) > 0) {
            return false;
          }
          ledger.addRefund(new Ledger.RefundEntry(new IssuedRefund(null, "ord_rich", requestId, slice,
              IssuedRefund.Status.REQUESTED, "ana", T, null), false));
          return true;
        }));
      }
      int granted = 0;
      for (Future<Boolean> result : pool.invokeAll(reservations)) {
        granted += result.get() ? 1 : 0;
      }
      assertEquals(Money.parse("53.240", "KWD"), order.total());
      assertEquals(5, granted, "KWD 53.240 holds five refunds of KWD 10.000");
      assertEquals(5, store.refunds("ord_rich").size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewOrderWrittenTwiceAtOnceEndsAsOneRow() throws Exception {
    PaymentStore store = store();
    Order order = Harness.order();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<CheckoutPlan>> creates = List.of(
          () -> store.update(order.id(), ledger -> CheckoutPlan.decide(ledger, order, T, T.plusSeconds(3600))),
          () -> store.update(order.id(), ledger -> CheckoutPlan.decide(ledger, order, T, T.plusSeconds(3600))));
      for (Future<CheckoutPlan> plan : pool.invokeAll(creates)) {
        assertEquals(1, plan.get().attempt(), "the second sees the first's unanswered attempt and retries it");
      }
      assertEquals(PaymentStatus.CREATED, store.state(order.id()).orElseThrow().status());
    } finally {
      pool.shutdownNow();
    }
  }
}
