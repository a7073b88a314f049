package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.Money;
import org.junit.jupiter.api.Test;

class PostgresPaymentStoreTest extends PaymentStoreContract {
  @Override
  PaymentStore store() {
    return PaymentStore.jdbc(TestDatabases.postgres());
  }

  @Test
  void theWholeFlowRunsOnPostgres() {
    try (Harness h = new Harness(store())) {
      h.open(Harness.order(), "cs_test_1");
      h.pay(Harness.order(), "cs_test_1", "evt_paid");
      h.server.enqueue(RefundsTest.refundAnswer("re_1", 1000, "req_1", "succeeded"));

      h.checkout.refunds().refund(RefundRequest.partial("ord_1001", Money.parse("10.00", "EUR"), "req_1", "ana"));

      assertEquals(PaymentStatus.PARTIALLY_REFUNDED, h.state("ord_1001").status());
      assertEquals(Money.parse("32.00", "EUR"), h.checkout.refunds().refundable("ord_1001"));
    }
  }
}
