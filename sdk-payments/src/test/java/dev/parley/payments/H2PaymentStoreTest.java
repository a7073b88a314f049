package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The payment store contract on H2 in PostgreSQL mode, a fresh in-memory database per store. */
class H2PaymentStoreTest extends PaymentStoreContract {
  private static final AtomicInteger names = new AtomicInteger();

  private static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:payments_" + names.incrementAndGet()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Override
  PaymentStore store() {
    return PaymentStore.jdbc(h2());
  }

  @Test
  void paymentStateAndHandledEventsSurviveARestart() {
    DataSource database = h2();
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
