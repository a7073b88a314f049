package dev.parley.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every limit checked when a message is built, with the field, the value cut short and the limit. */
class MessageValidationTest {

  static Stream<Arguments> invalid() {
    PostbackButton yes = Button.postback("Yes", "YES");
    return Stream.of(
        bad(() -> new UrlButton("Track your parcel now", "https://track.example/1"),
            "button title 'Track your parcel now' is 21 characters; Messenger and WhatsApp allow 20"),
        bad(() -> Message.text("x".repeat(4097)),
            "text 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is 4097 characters; WhatsApp allows 4096"),
        bad(() -> Message.text("  "), "text must not be blank, got '  '"),
        bad(() -> new Buttons("Pick", List.of()), "buttons: 0 given; Messenger and WhatsApp allow 1 to 3"),
        bad(() -> Buttons.of("Pick", yes, yes, yes, yes), "buttons: 4 given; Messenger and WhatsApp allow 1 to 3"),
        bad(() -> Buttons.of("q".repeat(1025), yes),
            "button message text 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…' is 1025 characters; WhatsApp allows 1024"),
        bad(() -> Button.url("Open", "javascript:alert(1)"), "button url 'javascript:alert(1)' is not an absolute http(s) URL"),
        bad(() -> Button.postback("Go", "p".repeat(1001)),
            "button payload 'ppppppppppppppppppppppppppppppppppppppp…' is 1001 characters; Messenger allows 1000"),
        bad(() -> Button.call("Call us", "555-1234"),
            "button phoneNumber '555-1234' is not an international number like +15551234567"),
        bad(() -> new QuickReplies("Pick", Collections.nCopies(14, new QuickReply("A", "A"))),
            "quick replies: 14 given; Messenger allows 1 to 13"),
        bad(() -> new QuickReply("A very long choice here", "X"),
            "quick reply title 'A very long choice here' is 23 characters; Messenger and WhatsApp allow 20"),
        bad(() -> new Carousel(IntStream.range(0, 11).mapToObj(i -> Card.of("Card " + i, "sub", null)).toList()),
            "carousel cards: 11 given; Messenger allows 1 to 10"),
        bad(() -> Card.of("t".repeat(81), "sub", null),
            "card title 'ttttttttttttttttttttttttttttttttttttttt…' is 81 characters; Messenger allows 80"),
        bad(() -> Card.of("Lonely", null, null),
            "card 'Lonely' needs a subtitle, an image or a button besides its title; Messenger requires one"),
        bad(() -> new Media(MediaType.IMAGE, "https://a.example/x.jpg", "123", null, null),
            "media needs exactly one of url and uploadedId, got url='https://a.example/x.jpg' and uploadedId='123'"),
        bad(() -> Media.url(MediaType.AUDIO, "https://a.example/x.mp3").withCaption("Listen"),
            "media caption 'Listen' is not allowed on audio; WhatsApp shows captions only on images, videos and files"),
        bad(() -> Receipt.builder().orderNumber("A-1").recipientName("Ada").paymentMethod("Visa")
                .item(ReceiptItem.of("Tea", 1, Money.parse("3.00", "USD")))
                .summary(ReceiptSummary.total(Money.parse("3.00", "EUR"))).build(),
            "receipt item 'Tea' is in USD but the total is EUR 3.00; a receipt has one currency"),
        bad(() -> Receipt.builder().orderNumber("A-1").recipientName("Ada").paymentMethod("Visa").build(),
            "receipt summary is missing; every receipt needs at least its total cost"),
        bad(() -> new ReceiptItem("Tea", null, 0, Money.parse("3.00", "EUR"), null),
            "receipt item quantity 0 for 'Tea' must be at least 1"),
        bad(() -> new ReceiptSummary(Money.parse("1.00", "GBP"), null, null, Money.parse("1.00", "EUR")),
            "receipt summary mixes GBP 1.00 with total EUR 1.00; a receipt has one currency"),
        bad(() -> OrderUpdate.builder("A-1", OrderStatus.DELAYED).note("n".repeat(501)).build(),
            "order update note 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…' is 501 characters; Messenger and WhatsApp allow 500"),
        bad(() -> OrderUpdate.builder("A-1", OrderStatus.SHIPPED).trackingUrl("track.example/1").build(),
            "order update trackingUrl 'track.example/1' is not an absolute http(s) URL"),
        bad(() -> WhatsAppTemplate.of("Order Update", "en_US"),
            "template name 'Order Update' must be lower-case letters, digits and underscores; WhatsApp allows nothing else"),
        bad(() -> WhatsAppTemplate.of("order_update", "English"),
            "template languageCode 'English' is not a WhatsApp language code like en or en_US"),
        bad(() -> RawMessage.messenger("not json"), "raw message messengerJson 'not json' is not a JSON object"),
        bad(() -> RawMessage.whatsApp("{\"text\":{\"body\":\"hi\"}}"),
            "raw message whatsAppJson '{\"text\":{\"body\":\"hi\"}}' has no \"type\"; WhatsApp requires one"),
        bad(() -> new RawMessage(null, null), "raw message needs JSON for at least one channel"),
        bad(() -> RawMessage.whatsApp("{\"type\":null,\"text\":{\"body\":\"hi\"}}"),
            "raw message whatsAppJson '{\"type\":null,\"text\":{\"body\":\"hi\"}}' has no \"type\"; WhatsApp requires one"),
        bad(() -> RawMessage.whatsApp("{\"type\":5}"),
            "raw message whatsAppJson \"type\" is '5'; WhatsApp requires a message type name such as \"template\" or \"sticker\""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void rejectsWithTheFieldTheValueAndTheLimit(Supplier<Object> build, String expected) {
    InvalidRequestException failure = assertThrows(InvalidRequestException.class, build::get);
    assertEquals(expected, failure.getMessage());
  }

  @org.junit.jupiter.api.Test
  void valuesAreImmutableCopies() {
    java.util.ArrayList<Button> buttons = new java.util.ArrayList<>(List.of(Button.postback("Yes", "YES")));
    Buttons message = new Buttons("Pick", buttons);
    buttons.add(Button.postback("No", "NO"));
    assertEquals(1, message.buttons().size());
    assertThrows(UnsupportedOperationException.class, () -> message.buttons().add(Button.postback("No", "NO")));
  }

  @org.junit.jupiter.api.Test
  void aReceiptAndAnOrderUpdateCarryAPaymentButton() {
    UrlButton pay = Button.url("Pay €42.00", "https://checkout.stripe.com/c/pay/cs_test_a1");
    OrderUpdate update = OrderUpdate.of("A-1", OrderStatus.CONFIRMED).withButton(pay);
    assertEquals(pay, update.button());
    Receipt receipt = Receipt.builder().orderNumber("A-1").recipientName("Ada").paymentMethod("Card")
        .summary(ReceiptSummary.total(Money.parse("42.00", "EUR"))).build().withButton(pay);
    assertEquals(pay, receipt.button());
    assertEquals("EUR", receipt.currency().getCurrencyCode());
  }

  @org.junit.jupiter.api.Test
  void aRawMessageShowsItsChannelsAndSizesButNeverItsJson() {
    String whatsApp = "{\"type\":\"text\",\"text\":{\"body\":\"my card is 4242 4242\"}}";
    String messenger = "{\"text\":\"my card is 4242 4242\"}";

    assertEquals("RawMessage[whatsapp " + whatsApp.length() + " chars]", RawMessage.whatsApp(whatsApp).toString());
    assertEquals("RawMessage[messenger " + messenger.length() + " chars, whatsapp " + whatsApp.length() + " chars]",
        new RawMessage(messenger, whatsApp).toString());
  }

  @org.junit.jupiter.api.Test
  void aRawMessageKeepsItsJsonAndType() {
    RawMessage raw = new RawMessage("{\"text\":\"hi\"}", "{\"type\":\"template\",\"template\":{}}");

    assertEquals("{\"text\":\"hi\"}", raw.jsonFor(dev.parley.core.Channel.MESSENGER));
    assertEquals("template", raw.whatsAppType());
    assertEquals(raw, new RawMessage("{\"text\":\"hi\"}", "{\"type\":\"template\",\"template\":{}}"));
    assertEquals(raw.hashCode(), new RawMessage("{\"text\":\"hi\"}", "{\"type\":\"template\",\"template\":{}}").hashCode());
  }

  private static Arguments bad(Supplier<Object> build, String expected) {
    return Arguments.of(build, expected);
  }
}
