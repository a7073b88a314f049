package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.MESSENGER_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.SenderAction;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Card;
import dev.parley.core.message.Carousel;
import dev.parley.core.message.Message;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message valid for one channel but over the other's limit fails when rendered for it, before any
 * HTTP request, with the field, the value cut short, the limit and the channel.
 */
class RenderLimitTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  static Stream<Arguments> overChannelLimits() {
    String long2001 = "a".repeat(2001);
    String long641 = "b".repeat(641);
    return Stream.of(
        Arguments.of(MESSENGER_CUSTOMER, Message.text(long2001),
            "text 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' is 2001 characters; Messenger allows 2000"),
        Arguments.of(MESSENGER_CUSTOMER, Buttons.of(long641, Button.postback("Yes", "YES")),
            "button template text 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb…' is 641 characters; Messenger allows 640"),
        Arguments.of(MESSENGER_CUSTOMER, TestMessages.template(),
            "WhatsApp template 'payment_due' cannot be sent on Messenger; Messenger has no such templates"),
        Arguments.of(MESSENGER_CUSTOMER, RawMessage.whatsApp("{\"type\":\"sticker\",\"sticker\":{\"id\":\"1\"}}"),
            "raw message has no Messenger JSON; it was built for WhatsApp only"),
        Arguments.of(WHATSAPP_CUSTOMER, Buttons.of("Pick", Button.postback("Yes", "Y".repeat(257))),
            "reply button id 'YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY…' is 257 characters; WhatsApp allows 256"),
        Arguments.of(WHATSAPP_CUSTOMER, new QuickReplies("Pick one", replies(11)),
            "quick replies: 11 given; WhatsApp (as a list) allows 1 to 10"),
        Arguments.of(WHATSAPP_CUSTOMER, Carousel.of(Card.of("Premium first-flush Darjeeling", "Tea", null,
                Button.postback("Add", "ADD_DARJEELING"))),
            "list row title 'Premium first-flush Darjeeling' is 30 characters; WhatsApp allows 24"),
        Arguments.of(WHATSAPP_CUSTOMER, bigReceiptWithButton(),
            "interactive body '*Receipt for order A-1001*\\n1 × Item num…' is 1353 characters; WhatsApp allows 1024"),
        Arguments.of(WHATSAPP_CUSTOMER, RawMessage.messenger("{\"text\":\"hi\"}"),
            "raw message has no WhatsApp JSON; it was built for Messenger only"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("overChannelLimits")
  void failsBeforeAnyRequest(Recipient to, Message message, String expected) {
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), GraphTestServer.insideWindow()).build();
    InvalidRequestException failure = assertThrows(InvalidRequestException.class, () -> parley.send(to, message));
    assertEquals(expected.replace("\\n", "\n"), failure.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @org.junit.jupiter.api.Test
  void whatsAppTypingNeedsTheCustomersMessageId() {
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), GraphTestServer.insideWindow()).build();
    InvalidRequestException failure = assertThrows(InvalidRequestException.class,
        () -> parley.senderAction(WHATSAPP_CUSTOMER, SenderAction.typingOn()));
    assertEquals(true, failure.getMessage().startsWith("sender action TYPING_ON needs the id of the customer's message"));
    assertEquals(0, server.getRequestCount());
  }

  @org.junit.jupiter.api.Test
  void anUnknownAccountFailsBeforeAnyRequest() {
    Parley parley = GraphTestServer.parley(server, new VirtualTime(NOW), GraphTestServer.insideWindow()).build();
    InvalidRequestException failure = assertThrows(InvalidRequestException.class,
        () -> parley.send(Recipient.messenger("999", "24680"), Message.text("Hi")));
    assertEquals("no MESSENGER account '999' is configured; add it with Parley.builder().messengerPage(id, token)",
        failure.getMessage());
  }

  private static List<QuickReply> replies(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> new QuickReply("Choice " + i, "C" + i)).toList();
  }

  private static Receipt bigReceiptWithButton() {
    Receipt.Builder builder = Receipt.builder().orderNumber("A-1001").recipientName("Ada").paymentMethod("Visa 4242")
        .summary(dev.parley.core.message.ReceiptSummary.total(TestMessages.eur("42.00")))
        .button(Button.url("Pay €42.00", "https://checkout.stripe.com/c/pay/cs_test_a1"));
    List<ReceiptItem> items = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      items.add(ReceiptItem.of("Item number " + i, 1, TestMessages.eur("0.84")));
    }
    items.forEach(builder::item);
    return builder.build();
  }
}
