package dev.parley.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Money;
import dev.parley.core.internal.MessageJson;
import dev.parley.core.send.TestMessages;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox's storage format: every kind reads back equal to what was written. */
class MessageJsonTest {

  static Stream<Arguments> everyKind() {
    Stream<Arguments> samples = TestMessages.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    Stream<Arguments> minimal = Stream.of(
        Arguments.of("minimal receipt", Receipt.builder().orderNumber("B-2").recipientName("Bo").paymentMethod("Cash")
            .summary(ReceiptSummary.total(Money.of(4200, "JPY"))).build()),
        Arguments.of("minimal order update", OrderUpdate.of("B-2", OrderStatus.OUT_FOR_DELIVERY)),
        Arguments.of("named template parameters", new WhatsAppTemplate("refund_done", "fr",
            java.util.List.of(TemplateParameter.named("order_id", "B-2"),
                new TemplateParameter.Amount("amount", Money.of(1234, "KWD"), "KWD 1.234")), null)),
        Arguments.of("uploaded audio", Media.uploaded(MediaType.AUDIO, "998877")),
        Arguments.of("card with call button", Carousel.of(Card.of("Shop", null, "https://shop.example/a.jpg",
            Button.call("Call", "+353123456789")))),
        Arguments.of("text with unicode", Message.text("Merci ! Votre thé arrive 🚚 \"demain\"\n\\o/")));
    return Stream.concat(samples, minimal);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void roundTripsExactly(String name, Message message) {
    String json = MessageJson.toJson(message);
    assertEquals(message, MessageJson.fromJson(json));
    assertEquals(json, MessageJson.toJson(MessageJson.fromJson(json)), "stable across round trips");
  }

  @Test
  void moneyIsStoredExactlyInMinorUnits() {
    String json = MessageJson.toJson(TestMessages.receipt());
    assertTrue(json.contains("{\"minorUnits\":4200,\"currency\":\"EUR\"}"), json);
  }

  @Test
  void rejectsWhatIsNotAStoredMessage() {
    assertEquals("stored message kind 'poll' is unknown",
        assertThrows(InvalidRequestException.class, () -> MessageJson.fromJson("{\"kind\":\"poll\"}")).getMessage());
    assertThrows(InvalidRequestException.class, () -> MessageJson.fromJson("[1,2]"));
    assertThrows(InvalidRequestException.class, () -> MessageJson.fromJson("{\"kind\":\"order_update\",\"orderNumber\":\"A\","
        + "\"status\":\"LOST\"}"));
    InvalidRequestException overLimit = assertThrows(InvalidRequestException.class,
        () -> MessageJson.fromJson("{\"kind\":\"text\",\"text\":\"" + "x".repeat(5000) + "\"}"));
    assertTrue(overLimit.getMessage().contains("WhatsApp allows 4096"), "reading validates like building");
  }
}
