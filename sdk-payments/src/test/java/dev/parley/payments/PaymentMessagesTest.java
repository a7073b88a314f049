package dev.parley.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.parley.core.InMemoryLastInboundTimes;
import dev.parley.core.Money;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.message.Message;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What customers read about payments, rendered by sdk-core's real send path for each channel and
 * compared with golden JSON under src/test/resources/fixtures/messages.
 */
class PaymentMessagesTest {
  private static final Recipient WHATSAPP = Recipient.whatsApp("106540352242922", "15551234567");
  private final MockWebServer graph = new MockWebServer();
  private final InMemoryLastInboundTimes lastInbound = new InMemoryLastInboundTimes();
  private final PaymentMessages messages = PaymentMessages.builder().merchantName("Parley Coffee").build();
  private Parley parley;

  @BeforeEach
  void start() throws Exception {
    graph.start();
    parley = Parley.builder()
        .messengerPage("1001", "EAAB-page-token")
        .whatsAppNumber("106540352242922", "EAAB-wa-token")
        .graphApiBase(graph.url("/").toString())
        .lastInboundTimes(lastInbound)
        .clock(java.time.Clock.fixed(Harness.NOW, java.time.ZoneOffset.UTC))
        .build();
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  static Order fullOrder(Recipient customer) {
    return Order.builder("ord_1001", customer, "conv_77")
        .customerName("Ada Lovelace")
        .item("Espresso beans 1 kg", 2, Money.parse("18.00", "EUR"), "https://shop.example/img/beans.jpg")
        .item("Grinder", 1, Money.parse("30.00", "EUR"))
        .shipping(new Order.Shipping("Express", Money.parse("6.00", "EUR"),
            new Order.Address("1 Grafton Street", null, "Dublin", "D02 XY45", null, "Ireland")))
        .tax("VAT", Money.parse("3.31", "EUR"))
        .discount("Welcome coupon", Money.parse("5.00", "EUR"))
        .build();
  }

  static PaymentLink link(Order order) {
    return new PaymentLink("https://checkout.stripe.com/c/pay/cs_test_2", "Pay €70.31", "cs_test_2",
        Instant.parse("2026-11-22T12:00:00Z"), order.id(), order.total());
  }

  private JsonElement sent(Recipient to, Message message) throws InterruptedException {
    graph.enqueue(to.channel() == dev.parley.core.Channel.MESSENGER
        ? json("{\"recipient_id\":\"psid_42\",\"message_id\":\"m_1\"}")
        : json("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"15551234567\",\"wa_id\":\"15551234567\"}],"
            + "\"messages\":[{\"id\":\"wamid.1\"}]}"));
    parley.send(to, message);
    RecordedRequest request = graph.takeRequest(5, TimeUnit.SECONDS);
    return Fixtures.parse(request.getBody().utf8());
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static JsonElement golden(String name) {
    try (var in = PaymentMessagesTest.class.getResourceAsStream("/fixtures/messages/" + name)) {
      return Fixtures.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theReceiptIsBuiltFromTheOrderAndWhatStripeCharged() {
    Order order = fullOrder(Harness.CUSTOMER);
    Receipt receipt = messages.receipt(new PaymentEvent.Paid(order, "cs_test_1", "pi_1", order.total()));

    assertEquals("ord_1001", receipt.orderNumber());
    assertEquals(Money.parse("66.00", "EUR"), receipt.summary().subtotal());
    assertEquals(Money.parse("3.31", "EUR"), receipt.summary().totalTax());
    assertEquals(Money.parse("70.31", "EUR"), receipt.summary().totalCost());
    assertEquals(Money.parse("-5.00", "EUR"), receipt.adjustments().get(0).amount());
    assertEquals(Money.parse("36.00", "EUR"), receipt.items().get(0).price(), "Messenger's price is the line's");
  }

  @Test
  void theReceiptGoesAsMessengersReceiptTemplateEvenAfterTheWindow() throws Exception {
    Order order = fullOrder(Harness.CUSTOMER);

    JsonElement body = sent(Harness.CUSTOMER, messages.receipt(new PaymentEvent.Paid(order, "cs_test_1", "pi_1", order.total())));

    assertEquals(golden("messenger/receipt.json"), body);
  }

  @Test
  void theReceiptGoesAsTextOnWhatsApp() throws Exception {
    lastInbound.record(WHATSAPP, Harness.NOW.minus(Duration.ofHours(1)));
    Order order = fullOrder(WHATSAPP);

    JsonElement body = sent(WHATSAPP, messages.receipt(new PaymentEvent.Paid(order, "cs_test_1", "pi_1", order.total())));

    assertEquals(golden("whatsapp/receipt.json"), body);
  }

  @Test
  void aFreshPaymentButtonIsACtaUrlOnWhatsApp() throws Exception {
    lastInbound.record(WHATSAPP, Harness.NOW.minus(Duration.ofHours(1)));
    Order order = fullOrder(WHATSAPP);

    JsonElement body = sent(WHATSAPP, messages.freshLink(new PaymentEvent.Expired(order, "cs_test_1"), link(order)));

    assertEquals(golden("whatsapp/fresh_link.json"), body);
  }

  @Test
  void aFreshPaymentButtonIsAWebUrlButtonOnMessenger() throws Exception {
    lastInbound.record(Harness.CUSTOMER, Harness.NOW.minus(Duration.ofHours(1)));
    Order order = fullOrder(Harness.CUSTOMER);

    JsonElement body = sent(Harness.CUSTOMER, messages.freshLink(new PaymentEvent.Failed(order, "cs_test_1"), link(order)));

    assertEquals(golden("messenger/fresh_link_after_failure.json"), body);
  }

  @Test
  void theOfferCarriesThePayButton() throws Exception {
    lastInbound.record(Harness.CUSTOMER, Harness.NOW.minus(Duration.ofMinutes(2)));
    Order order = Harness.order();
    PaymentLink link = new PaymentLink("https://checkout.stripe.com/c/pay/cs_test_1", "Pay €42.00", "cs_test_1",
        Instant.parse("2026-11-23T09:59:00Z"), order.id(), order.total());

    JsonElement body = sent(Harness.CUSTOMER, messages.offer(order, link));

    assertEquals(golden("messenger/offer.json"), body);
  }

  @Test
  void aPartialRefundIsConfirmedWithTheTotalSoFar() throws Exception {
    Order order = Harness.order();
    OrderUpdate partial = messages.refundConfirmation(
        new PaymentEvent.Refunded(order, "re_1", Money.parse("10.00", "EUR"), Money.parse("10.00", "EUR"), "ana"));
    OrderUpdate full = messages.refundConfirmation(
        new PaymentEvent.Refunded(order, "re_2", Money.parse("32.00", "EUR"), Money.parse("42.00", "EUR"), "ana"));

    assertEquals("We refunded €10.00 to your original payment method. Refunded so far: €10.00 of €42.00."
        + " It can take 5 to 10 business days to appear on your statement.", partial.note());
    assertTrue(!full.note().contains("so far"), full.note());
    assertEquals(golden("messenger/refund_confirmation.json"), sent(Harness.CUSTOMER, partial));
  }

  @Test
  void longOrderIdsStayUniqueWithinSixtyFourCharacters() {
    String a = "order-" + "x".repeat(70) + "-a";
    String b = "order-" + "x".repeat(70) + "-b";
    assertEquals(64, PaymentMessages.orderNumber(a).length());
    assertTrue(!PaymentMessages.orderNumber(a).equals(PaymentMessages.orderNumber(b)));
  }
}
