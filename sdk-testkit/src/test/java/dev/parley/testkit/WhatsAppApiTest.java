package dev.parley.testkit;

import static dev.parley.testkit.SandboxFixture.BOB_WA_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WhatsApp Cloud API edge accepts and refuses what Meta does, with its codes. */
class WhatsAppApiTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final WhatsAppCustomer bob = f.bob();

  @Test
  void textInsideTheWindowAnswersContactsAndWamid() {
    bob.sendText("Hi");

    SandboxFixture.Answer answer = f.whatsApp(SandboxFixture.waText("+" + BOB_WA_ID, "Hello Bob"));

    assertEquals(200, answer.status(), answer.body());
    JsonObject json = answer.json();
    assertEquals("whatsapp", json.get("messaging_product").getAsString());
    JsonObject contact = json.getAsJsonArray("contacts").get(0).getAsJsonObject();
    assertEquals("+" + BOB_WA_ID, contact.get("input").getAsString());
    assertEquals(BOB_WA_ID, contact.get("wa_id").getAsString());
    String wamid = json.getAsJsonArray("messages").get(0).getAsJsonObject().get("id").getAsString();
    assertTrue(wamid.startsWith("wamid."));
    assertEquals(wamid, bob.receivedMessages().get(0).messageId());
  }

  @Test
  void textBodyOver4096IsRefused() {
    bob.sendText("Hi");

    SandboxFixture.Answer answer = f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "b".repeat(4097)));

    assertEquals(400, answer.status());
    assertEquals(131009, answer.code());
    assertTrue(answer.error().getAsJsonObject("error_data").get("details").getAsString()
        .contains("4097 characters; WhatsApp allows 4096"));
    assertEquals(200, f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "b".repeat(4096))).status());
  }

  @Test
  void freeFormOutsideTheWindowIs131047() {
    bob.sendText("Hi");
    f.sandbox.advanceClock(Duration.ofHours(24).plusSeconds(1));

    SandboxFixture.Answer answer = f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "Your parcel shipped"));

    assertEquals(400, answer.status());
    assertEquals(131047, answer.code());
    assertEquals("whatsapp", answer.error().getAsJsonObject("error_data").get("messaging_product").getAsString());
  }

  @Test
  void freeFormToSomeoneWhoNeverWroteIs131047() {
    assertEquals(131047, f.whatsApp(SandboxFixture.waText("4915112345678", "Hello")).code());
  }

  @Test
  void registeredTemplateGoesOutsideTheWindowAndRendersItsParameters() {
    f.sandbox.advanceClock(Duration.ofDays(3));
    SandboxFixture.Answer answer = f.whatsApp(orderShipped("""
        [{"type":"body","parameters":[{"type":"text","text":"A-1042"},{"type":"text","text":"Friday"}]},
         {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"A-1042"}]}]"""));

    assertEquals(200, answer.status(), answer.body());
    JsonObject message = answer.json().getAsJsonArray("messages").get(0).getAsJsonObject();
    assertEquals("accepted", message.get("message_status").getAsString());
    SentMessage sent = f.sandbox.sentMessages().get(0);
    assertEquals("order_shipped", sent.tag());
    assertTrue(sent.summary().contains("Your order A-1042 is on its way. It should arrive on Friday."), sent.summary());
    assertTrue(sent.summary().contains("https://shop.example/track/A-1042"), sent.summary());
  }

  @Test
  void unknownTemplateOrLanguageIs132001With404() {
    SandboxFixture.Answer unknown = f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"template",
         "template":{"name":"spring_sale","language":{"code":"en_US"}}}""".formatted(BOB_WA_ID));
    SandboxFixture.Answer wrongLanguage = f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"template",
         "template":{"name":"order_shipped","language":{"code":"de"}}}""".formatted(BOB_WA_ID));

    assertEquals(404, unknown.status());
    assertEquals(132001, unknown.code());
    assertEquals(132001, wrongLanguage.code());
  }

  @Test
  void templateParameterCountsMustMatch() {
    SandboxFixture.Answer tooFewBody = f.whatsApp(orderShipped("""
        [{"type":"body","parameters":[{"type":"text","text":"A-1042"}]},
         {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"A-1042"}]}]"""));
    SandboxFixture.Answer missingUrlSuffix = f.whatsApp(orderShipped("""
        [{"type":"body","parameters":[{"type":"text","text":"A-1042"},{"type":"text","text":"Friday"}]}]"""));

    assertEquals(400, tooFewBody.status());
    assertEquals(132000, tooFewBody.code());
    assertEquals(132000, missingUrlSuffix.code());
  }

  @Test
  void namedTemplateParametersMustNameThePlaceholders() {
    String body = """
        {"messaging_product":"whatsapp","to":"%s","type":"template","template":{"name":"order_confirmed",
         "language":{"code":"fr"},"components":[
           {"type":"header","parameters":[{"type":"text","text":"A-1042"}]},
           {"type":"body","parameters":[
             {"type":"text","parameter_name":"first_name","text":"Bob"},
             {"type":"text","parameter_name":"%s","text":"A-1042"},
             {"type":"currency","parameter_name":"total","currency":{"fallback_value":"42,00 €","code":"EUR",
              "amount_1000":42000}}]}]}}""";

    SandboxFixture.Answer ok = f.whatsApp(body.formatted(BOB_WA_ID, "order_id"));
    SandboxFixture.Answer wrongName = f.whatsApp(body.formatted(BOB_WA_ID, "order_number"));

    assertEquals(200, ok.status(), ok.body());
    assertTrue(f.sandbox.sentMessages().get(0).summary()
        .contains("Commande A-1042 | Bonjour Bob, votre commande A-1042 de 42,00 € est confirmée."));
    assertEquals(132000, wrongName.code());
  }

  @Test
  void replyButtonsAreOneToThreeWithTitlesOfTwenty() {
    bob.sendText("Hi");
    String three = "{\"type\":\"reply\",\"reply\":{\"id\":\"yes\",\"title\":\"Yes\"}},"
        + "{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":\"No\"}},"
        + "{\"type\":\"reply\",\"reply\":{\"id\":\"later\",\"title\":\"Later\"}}";

    SandboxFixture.Answer four = f.whatsApp(buttons(three + ",{\"type\":\"reply\",\"reply\":{\"id\":\"x\",\"title\":\"X\"}}"));
    SandboxFixture.Answer longTitle = f.whatsApp(buttons(
        "{\"type\":\"reply\",\"reply\":{\"id\":\"t\",\"title\":\"Track my parcel please\"}}"));
    SandboxFixture.Answer duplicateIds = f.whatsApp(buttons(
        "{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"B\"}}"));
    SandboxFixture.Answer ok = f.whatsApp(buttons(three));

    assertEquals(131009, four.code());
    assertEquals(131009, longTitle.code());
    assertTrue(longTitle.error().getAsJsonObject("error_data").get("details").getAsString()
        .contains("'Track my parcel please' is 22 characters; WhatsApp allows 20"));
    assertEquals(131009, duplicateIds.code());
    assertEquals(200, ok.status(), ok.body());
    assertEquals(java.util.List.of("Yes", "No", "Later"), bob.receivedMessages().get(0).choices());
  }

  @Test
  void interactiveBodyOver1024IsRefused() {
    bob.sendText("Hi");
    String body = """
        {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"button",
         "body":{"text":"%s"},"action":{"buttons":[{"type":"reply","reply":{"id":"ok","title":"OK"}}]}}}""";

    assertEquals(131009, f.whatsApp(body.formatted(BOB_WA_ID, "x".repeat(1025))).code());
    assertEquals(200, f.whatsApp(body.formatted(BOB_WA_ID, "x".repeat(1024))).status());
  }

  @Test
  void listsHoldAtMostTenRowsWithTitlesOfTwentyFour() {
    bob.sendText("Hi");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      rows.append(i == 0 ? "" : ",").append("{\"id\":\"slot-").append(i).append("\",\"title\":\"Slot ").append(i)
          .append("\",\"description\":\"Tomorrow\"}");
    }
    String body = """
        {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"list",
         "body":{"text":"When should we deliver?"},"action":{"button":"Choose a slot",
         "sections":[{"title":"Tomorrow","rows":[%s]}]}}}""";

    SandboxFixture.Answer eleven = f.whatsApp(body.formatted(BOB_WA_ID, rows));
    String ten = rows.substring(0, rows.lastIndexOf(",{"));
    SandboxFixture.Answer longRow = f.whatsApp(body.formatted(BOB_WA_ID,
        "{\"id\":\"x\",\"title\":\"" + "r".repeat(25) + "\"}"));

    assertEquals(131009, eleven.code());
    assertEquals(131009, longRow.code());
    assertEquals(200, f.whatsApp(body.formatted(BOB_WA_ID, ten)).status());
  }

  @Test
  void ctaUrlDisplayTextIsAtMostTwenty() {
    bob.sendText("Hi");
    String body = """
        {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"cta_url",
         "body":{"text":"Your order is ready to pay."},"action":{"name":"cta_url",
         "parameters":{"display_text":"%s","url":"https://pay.example/cs_1"}}}}""";

    assertEquals(131009, f.whatsApp(body.formatted(BOB_WA_ID, "Pay your order of 42 €")).code());
    assertEquals(200, f.whatsApp(body.formatted(BOB_WA_ID, "Pay €42.00")).status());
    assertEquals("https://pay.example/cs_1", bob.buttonUrl("Pay €42.00"));
  }

  @Test
  void markAsReadWithTypingIndicatorNeedsAMessageTheCustomerSent() {
    WebhookDelivery inbound = bob.sendText("Hi");

    SandboxFixture.Answer read = f.whatsApp("""
        {"messaging_product":"whatsapp","status":"read","message_id":"%s","typing_indicator":{"type":"text"}}"""
        .formatted(inbound.eventId()));
    SandboxFixture.Answer unknown = f.whatsApp("""
        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.unknown"}""");

    assertEquals(200, read.status(), read.body());
    assertTrue(read.json().get("success").getAsBoolean());
    assertEquals(100, unknown.code());
  }

  @Test
  void missingFieldsAndBadValuesUseTheirOwnCodes() {
    bob.sendText("Hi");

    SandboxFixture.Answer noProduct = f.whatsApp("{\"to\":\"" + BOB_WA_ID + "\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}");
    SandboxFixture.Answer noBody = f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"text","text":{}}""".formatted(BOB_WA_ID));
    SandboxFixture.Answer audioCaption = f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"audio",
         "audio":{"link":"https://shop.example/a.mp3","caption":"listen"}}""".formatted(BOB_WA_ID));
    SandboxFixture.Answer badNumber = f.whatsApp(SandboxFixture.waText("call-me", "x"));

    assertEquals(100, noProduct.code());
    assertEquals(131008, noBody.code());
    assertEquals(131009, audioCaption.code());
    assertEquals(131009, badNumber.code());
  }

  @Test
  void badBearerTokenIs401Code190() {
    SandboxFixture.Answer answer = f.postJson("/v25.0/2002/messages", SandboxFixture.waText(BOB_WA_ID, "x"), "wrong");
    SandboxFixture.Answer pageToken = f.postJson("/v25.0/2002/messages", SandboxFixture.waText(BOB_WA_ID, "x"),
        SandboxFixture.PAGE_TOKEN);

    assertEquals(401, answer.status());
    assertEquals(190, answer.code());
    assertEquals(190, pageToken.code());
  }

  @Test
  void unavailableCustomerIs131026() {
    bob.sendText("Hi");
    bob.setAvailable(false);

    assertEquals(131026, f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "x")).code());
    assertFalse(f.sandbox.sentMessages().stream().anyMatch(m -> m.recipientId().equals(BOB_WA_ID)));
  }

  private static String orderShipped(String components) {
    return """
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"template",
         "template":{"name":"order_shipped","language":{"code":"en_US"},"components":%s}}""".formatted(BOB_WA_ID, components);
  }

  private static String buttons(String buttons) {
    return """
        {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"button",
         "body":{"text":"Did it arrive?"},"action":{"buttons":[%s]}}}""".formatted(BOB_WA_ID, buttons);
  }
}
