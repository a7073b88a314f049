package dev.parley.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.Money;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.examples.demo.DemoPlatforms;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentLink;
import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import org.junit.jupiter.api.Test;

/** The README's example for merchants, compiled and run against the sandbox. */
class MerchantExampleTest {

  @Test
  void anOrderUpdateWithAPaymentButtonReachesTheCustomerWhoPaysWithIt() {
    try (PlatformSandbox sandbox = DemoPlatforms.sandbox().start()) {
      MessengerCustomer camille = sandbox.messengerCustomer(DemoPlatforms.PAGE_ID, "7001000000000001", "Camille Martin");
      String pageToken = DemoPlatforms.PAGE_TOKEN;
      String stripeKey = sandbox.stripeApiKey();

      // --- README: merchants ---
      Parley parley = Parley.builder()
          .messengerPage("1001", pageToken)
          .graphApiBase(sandbox.graphBaseUrl())            // leave out against the real Graph API
          .build();
      CheckoutButtons payments = CheckoutButtons.builder()
          .stripe(stripeKey, sandbox.stripeApiBase())      // "https://api.stripe.com" for real
          .successUrl("https://shop.example/thanks")
          .cancelUrl("https://shop.example/basket")
          .build();

      Recipient customer = Recipient.messenger("1001", "7001000000000001");
      Order order = Order.builder("A-1042", customer, "web-checkout")
          .customerName("Camille Martin")
          .item("Cashmere scarf, blue", 1, Money.parse("89.00", "EUR"))
          .build();
      PaymentLink pay = payments.create(order);                 // a Stripe Checkout page: "Pay €89.00"
      parley.send(customer, OrderUpdate.builder("A-1042", OrderStatus.CONFIRMED)
          .note("Thank you! Your scarf is set aside for you.")
          .button(pay.button())
          .build());
      // --- end ---

      SentMessage update = camille.awaitMessages(1, java.time.Duration.ofSeconds(5)).get(0);
      assertEquals("POST_PURCHASE_UPDATE", update.tag(), "she never wrote: the update goes with the tag");
      assertEquals("Pay €89.00", pay.label());
      sandbox.stripe().payCheckoutSession(camille.buttonUrl("Pay €89.00"));
      assertEquals("paid", sandbox.stripe().checkoutSession(pay.sessionId()).paymentStatus());
    }
  }
}
