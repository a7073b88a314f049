package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class H2PaymentStoreTest extends PaymentStoreContract {
  @Override
  PaymentStore store() {
    return PaymentStore.jdbc(TestDatabases.h2());
  }

  @Test
  void paymentStateAndHandledEventsSurviveARestart() {
    DataSource database = TestDatabases.h2();
    try (Harness before = new Harness(PaymentStore.jdbc(database))) {
      before.open(Harness.order(), "cs_test_1");
      assertEquals(200, before.pay(Harness.order(), "cs_test_1", "evt_paid").status());
    }

    try (Harness after = new Harness(PaymentStore.jdbc(database))) {
      StripeWebhookHandler.Response replay = after.pay(Harness.order(), "cs_test_1", "evt_paid");

      assertEquals("duplicate: evt_paid", replay.body());
      assertTrue(after.notifier.sent.isEmpty());
      assertEquals(PaymentStatus.PAID, after.state("ord_1001").status());
      assertEquals(Harness.order(), after.store.order("ord_1001").orElseThrow());
    }
  }
}
