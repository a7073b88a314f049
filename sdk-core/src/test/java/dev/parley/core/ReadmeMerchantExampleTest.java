package dev.parley.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.core.message.Button;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import dev.parley.core.send.GraphTestServer;
import java.time.Instant;
import java.time.LocalDate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The merchant example of the README, compiled and run against a local Graph API. */
class ReadmeMerchantExampleTest {
  @StartStop
  final MockWebServer graph = new MockWebServer();

  @Test
  void orderUpdateAndReceiptToMessengerAndWhatsApp() {
    graph.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().contains("1000000001")
            ? GraphTestServer.messengerOk("m_" + request.getExchangeIndex())
            : GraphTestServer.whatsAppOk("wamid." + request.getExchangeIndex());
      }
    });
    String graphApiBase = graph.url("/").toString();

    // --- README example starts here
    InMemoryLastInboundTimes inbound = new InMemoryLastInboundTimes(); // or your conversation store
    Parley parley = Parley.builder()
        .messengerPage("1000000001", "PAGE_ACCESS_TOKEN")
        .whatsAppNumber("2000000002", "WHATSAPP_ACCESS_TOKEN")
        .graphApiBase(graphApiBase) // omit for graph.facebook.com
        .lastInboundTimes(inbound)
        .utilityTemplates(UtilityTemplates.orderUpdates("order_update", "en_US")) // outside the 24 h window
        .build();
    Money total = Money.parse("42.00", "EUR");
    OrderUpdate shipped = OrderUpdate.builder("A-1001", OrderStatus.SHIPPED)
        .trackingUrl("https://track.example/A-1001").eta(LocalDate.of(2026, 7, 14)).build();
    Receipt receipt = Receipt.builder()
        .orderNumber("A-1001").recipientName("Ada Lovelace").paymentMethod("Visa 4242")
        .item(ReceiptItem.of("Tea set", 1, total))
        .summary(ReceiptSummary.total(total))
        .button(Button.url("View order", "https://shop.example/orders/A-1001"))
        .build();
    for (Recipient customer : new Recipient[] {
        Recipient.messenger("1000000001", "24680"), Recipient.whatsApp("2000000002", "15551234567")}) {
      inbound.record(customer, Instant.now()); // the customer just wrote: the 24 h window is open
      SendReceipt sentUpdate = parley.send(customer, shipped);
      SendReceipt sentReceipt = parley.send(customer, receipt);
      System.out.println(sentUpdate.messageId() + ", " + sentReceipt.messageId());
    }
    // --- README example ends here

    assertEquals(5, graph.getRequestCount(), "Messenger: update, receipt and its button; WhatsApp: template, receipt");
  }
}
