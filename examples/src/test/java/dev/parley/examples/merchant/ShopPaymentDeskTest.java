package dev.parley.examples.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.examples.demo.DemoPlatforms;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.PaymentStore;
import dev.parley.testkit.PlatformSandbox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shop's orders and payments as agents see them, Stripe played by the platform sandbox. */
class ShopPaymentDeskTest {
  private static final Recipient CAMILLE = Recipient.messenger(DemoPlatforms.PAGE_ID, "7001000000000001");
  private static final Recipient LUCAS = Recipient.whatsApp(DemoPlatforms.PHONE_NUMBER_ID, "33612345678");
  @TempDir
  Path data;
  private PlatformSandbox sandbox;
  private JdbcConversationStore store;
  private ShopPaymentDesk desk;

  @BeforeEach
  void start() {
    sandbox = DemoPlatforms.sandbox().start();
    store = JdbcConversationStore.builder().jdbcUrl(JdbcConversationStore.h2FileUrl(data.resolve("shop"))).build();
    desk = new ShopPaymentDesk(CheckoutButtons.builder()
        .stripe(DemoPlatforms.STRIPE_API_KEY, sandbox.stripeApiBase())
        .store(PaymentStore.jdbc(store.dataSource()))
        .successUrl("https://shop.example/thanks").cancelUrl("https://shop.example/basket")
        .build());
  }

  @AfterEach
  void stop() {
    store.close();
    sandbox.close();
  }

  @Test
  void anAgentsPaymentLinkIsAnOpenOrderOfThatConversationOnly() {
    Money price = Money.parse("89.00", "EUR");
    PaymentLink link = desk.createPaymentLink(CAMILLE, "Camille Martin", price, "Cashmere scarf, blue", "req-1", "ada");
    assertEquals(price, link.amount());
    List<CustomerOrder> orders = desk.orders("Camille Martin", CAMILLE);
    assertEquals(1, orders.size());
    assertEquals(link.orderId(), orders.get(0).orderId());
    assertEquals("open", orders.get(0).paymentState());
    assertEquals("Cashmere scarf, blue", orders.get(0).description());
    assertEquals(link.url(), orders.get(0).paymentUrl());
    assertTrue(sandbox.stripe().checkoutSession(link.url()) != null);
    assertEquals(List.of(), desk.orders("Lucas Bernard", LUCAS));
  }

  @Test
  void theSameRequestMakesOneOrder() {
    Money price = Money.parse("20.00", "EUR");
    PaymentLink first = desk.createPaymentLink(LUCAS, "Lucas", price, "Gift wrap", "req-2", "ada");
    PaymentLink again = desk.createPaymentLink(LUCAS, "Lucas", price, "Gift wrap", "req-2", "ada");
    assertEquals(first.orderId(), again.orderId());
    assertEquals(1, desk.orders("Lucas", LUCAS).size());
  }

  @Test
  void refundingAnOrderWithoutAPaymentSaysSo() {
    DeskException missing = assertThrows(DeskException.class,
        () -> desk.refund("A-404", null, "damaged", "refund-1", "ada"));
    assertEquals(DeskException.Problem.NOT_FOUND, missing.problem());
  }
}
