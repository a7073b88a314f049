package dev.parley.core.send;

import dev.parley.core.Money;
import dev.parley.core.message.Address;
import dev.parley.core.message.Adjustment;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Card;
import dev.parley.core.message.Carousel;
import dev.parley.core.message.Media;
import dev.parley.core.message.MediaType;
import dev.parley.core.message.Message;
import dev.parley.core.message.OrderStatus;
import dev.parley.core.message.OrderUpdate;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.RawMessage;
import dev.parley.core.message.Receipt;
import dev.parley.core.message.ReceiptItem;
import dev.parley.core.message.ReceiptSummary;
import dev.parley.core.message.TemplateParameter;
import dev.parley.core.message.WhatsAppTemplate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** One sample of every message kind, as the golden fixtures show them. */
public final class TestMessages {
  private TestMessages() {}

  public static Message text() {
    return Message.text("Your order A-1001 is confirmed. Thank you!");
  }

  public static Media imageUrl() {
    return Media.url(MediaType.IMAGE, "https://shop.example/img/parcel.jpg");
  }

  public static Media fileUploaded() {
    return Media.uploaded(MediaType.FILE, "1857777774821032").withFilename("invoice-A-1001.pdf");
  }

  public static Media videoWithCaption() {
    return Media.url(MediaType.VIDEO, "https://shop.example/video/unboxing.mp4").withCaption("How to brew your matcha");
  }

  public static Buttons buttons() {
    return Buttons.of("What would you like to do?",
        Button.url("Track parcel", "https://track.example/A-1001"),
        Button.postback("Talk to us", "HUMAN"),
        Button.call("Call the shop", "+15551234567"));
  }

  public static QuickReplies quickReplies() {
    return QuickReplies.of("How was your delivery?",
        new QuickReply("Great", "RATE_5"), new QuickReply("OK", "RATE_3"), new QuickReply("Bad", "RATE_1"));
  }

  public static QuickReplies fiveQuickReplies() {
    return QuickReplies.of("Which tea would you like?",
        new QuickReply("Sencha", "TEA_SENCHA"), new QuickReply("Genmaicha", "TEA_GENMAICHA"),
        new QuickReply("Hojicha", "TEA_HOJICHA"), new QuickReply("Matcha", "TEA_MATCHA"),
        new QuickReply("Gyokuro", "TEA_GYOKURO"));
  }

  public static Carousel carousel() {
    return Carousel.of(
        Card.of("Sencha", "Green tea from Shizuoka", "https://shop.example/img/sencha.jpg",
            Button.postback("Add to order", "ADD_SENCHA")),
        Card.of("Genmaicha", "Green tea with roasted rice", "https://shop.example/img/genmaicha.jpg",
            Button.postback("Add to order", "ADD_GENMAICHA")));
  }

  public static Receipt receipt() {
    return Receipt.builder()
        .orderNumber("A-1001")
        .recipientName("Ada Lovelace")
        .merchantName("Parley Tea Shop")
        .paymentMethod("Visa 4242")
        .timestamp(Instant.parse("2026-07-10T12:00:00Z"))
        .item(new ReceiptItem("Tea set", "Cast iron, 0.8 l", 1, eur("35.00"), "https://shop.example/img/tea-set.jpg"))
        .item(ReceiptItem.of("Matcha 100 g", 2, eur("10.00")))
        .address(new Address("1 Grafton Street", null, "Dublin", "D02 XY45", null, "Ireland"))
        .summary(new ReceiptSummary(eur("45.00"), eur("4.95"), eur("7.02"), eur("42.00")))
        .adjustment(new Adjustment("Welcome coupon", eur("-7.95")))
        .build();
  }

  public static Receipt receiptWithButton() {
    return receipt().withButton(Button.url("Pay €42.00", "https://checkout.stripe.com/c/pay/cs_test_a1"));
  }

  public static OrderUpdate orderUpdate() {
    return OrderUpdate.builder("A-1001", OrderStatus.SHIPPED)
        .trackingUrl("https://track.example/A-1001")
        .eta(LocalDate.of(2026, 7, 14))
        .note("Left our warehouse in Dublin.")
        .build();
  }

  public static WhatsAppTemplate template() {
    return WhatsAppTemplate.of("payment_due", "en_US",
        TemplateParameter.text("Ada"), TemplateParameter.text("A-1001"),
        TemplateParameter.amount(eur("42.00"), "€42.00")).withUrlButtonSuffix("cs_test_a1");
  }

  public static RawMessage raw() {
    return new RawMessage("{\"sticker_id\":369239263222822}",
        "{\"type\":\"sticker\",\"sticker\":{\"id\":\"798882015472548\"}}");
  }

  /** Every sample by name. */
  public static Map<String, Message> all() {
    Map<String, Message> all = new LinkedHashMap<>();
    all.put("text", text());
    all.put("media_url", imageUrl());
    all.put("media_uploaded", fileUploaded());
    all.put("media_caption", videoWithCaption());
    all.put("buttons", buttons());
    all.put("quick_replies", quickReplies());
    all.put("quick_replies_list", fiveQuickReplies());
    all.put("carousel", carousel());
    all.put("receipt", receipt());
    all.put("receipt_with_button", receiptWithButton());
    all.put("order_update", orderUpdate());
    all.put("order_update_with_button", orderUpdate().withButton(Button.url("Pay €42.00", "https://checkout.stripe.com/c/pay/cs_test_a1")));
    all.put("whatsapp_template", template());
    all.put("raw", raw());
    return all;
  }

  public static Money eur(String amount) {
    return Money.parse(amount, "EUR");
  }
}
