package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.message.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A text's request body written without a tree is, character for character, the tree's JSON. */
class TextBodyTest {
  private static final Recipient MESSENGER = Recipient.messenger("1000000001", "24680");
  private static final Recipient WHATSAPP = Recipient.whatsApp("2000000002", "15551234567");
  private static final FallbackText FALLBACK = new FallbackText(Locale.ENGLISH);
  private static final MessengerRenderer messenger = new MessengerRenderer(FALLBACK);
  private static final WhatsAppRenderer whatsApp = new WhatsAppRenderer(FALLBACK);

  static Stream<String> texts() {
    List<String> texts = new ArrayList<>(List.of(
        "Hi", "Your order #42 ships today", "quote \" backslash \\ slash / done",
        "tab\tnewline\nreturn\rback\bfeed\f", "line\u2028and\u2029paragraph", "<b>&amp;</b> = 'x'",
        "caf\u00e9 \u4f60\u597d \ud83d\udce6 \u007f\u0080\u00ff", "see https://shop.example/track", "http://x",
        "\ud800 lone surrogate", "ends with a quote\"", "\\"));
    StringBuilder controls = new StringBuilder("controls:");
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    texts.add(controls.toString());
    return texts.stream();
  }

  @ParameterizedTest
  @MethodSource("texts")
  void messengerTextIsTheTreesJson(String text) {
    List<Delivery> deliveries = List.of(new Delivery(Delivery.RESPONSE, null, new Text(text)),
        new Delivery(Delivery.UPDATE, null, new Text(text)),
        new Delivery(Delivery.MESSAGE_TAG, Delivery.HUMAN_AGENT, new Text(text)));
    for (Delivery delivery : deliveries) {
      for (SendOptions.Notification notification : SendOptions.Notification.values()) {
        SendOptions options = SendOptions.builder().notification(notification).build();
        String tree = messenger.render(MESSENGER, delivery, options).get(0).toString();
        assertEquals(tree, messenger.textBody(MESSENGER, delivery, options, (Text) delivery.message()));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void whatsAppTextIsTheTreesJson(String text) {
    Delivery delivery = new Delivery(Delivery.RESPONSE, null, new Text(text));
    for (SendOptions options : List.of(SendOptions.DEFAULT, SendOptions.builder().replyTo("wamid.\"x\\y").build())) {
      String tree = whatsApp.render(WHATSAPP, delivery, options).get(0).toString();
      assertEquals(tree, whatsApp.textBody(WHATSAPP, options, new Text(text)));
    }
  }

  @Test
  void aTextOverMessengersLimitIsRefusedNamingTheLimit() {
    Text text = new Text("x".repeat(2001));
    InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> messenger.textBody(MESSENGER,
        new Delivery(Delivery.RESPONSE, null, text), SendOptions.DEFAULT, text));
    assertTrue(error.getMessage().contains("2001 characters; Messenger allows 2000"), error.getMessage());
  }
}
