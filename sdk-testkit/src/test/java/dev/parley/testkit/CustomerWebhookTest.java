package dev.parley.testkit;

import static dev.parley.testkit.SandboxFixture.BOB_WA_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Played customers reach the merchant as Meta's signed webhooks, and their taps carry what was offered. */
class CustomerWebhookTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final MessengerCustomer ada = f.ada();
  private final WhatsAppCustomer bob = f.bob();

  @Test
  void messengerTextIsSignedOverEscapedUnicodeBytes() {
    WebhookDelivery delivery = ada.sendText("Ça coûte 10 € 😀 — voir https://shop.example/a");

    RecordedRequest webhook = f.nextWebhook();
    byte[] raw = webhook.getBody().toByteArray();
    String body = new String(raw, StandardCharsets.US_ASCII);
    assertTrue(body.contains("\\u00c7a co\\u00fbte 10 \\u20ac \\ud83d\\ude00"), body);
    assertTrue(body.contains("https:\\/\\/shop.example\\/a"), body);
    for (byte b : raw) {
      assertTrue(b >= 0x20 && b < 0x7f, "webhook bytes are plain ASCII");
    }
    String expected = "sha256=" + MessengerSendApiTest.independentHmac(SandboxFixture.APP_SECRET,
        new String(raw, StandardCharsets.ISO_8859_1));
    assertEquals(expected, webhook.getHeaders().get("X-Hub-Signature-256"));
    JsonObject event = JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("entry").get(0)
        .getAsJsonObject().getAsJsonArray("messaging").get(0).getAsJsonObject();
    assertEquals("Ça coûte 10 € 😀 — voir https://shop.example/a",
        event.getAsJsonObject("message").get("text").getAsString());
    assertEquals(delivery.eventId(), event.getAsJsonObject("message").get("mid").getAsString());
    assertEquals("psid-ada", event.getAsJsonObject("sender").get("id").getAsString());
    assertEquals(SandboxFixture.PAGE_ID, event.getAsJsonObject("recipient").get("id").getAsString());
    assertEquals(SandboxFixture.START.toEpochMilli(), event.get("timestamp").getAsLong());
    assertTrue(delivery.accepted());
  }

  @Test
  void quickReplyTapCarriesTheOfferedPayload() {
    ada.sendText("Is my parcel late?");
    f.messenger("""
        {"recipient":{"id":"psid-ada"},"messaging_type":"RESPONSE","message":{"text":"Did it arrive?",
         "quick_replies":[{"content_type":"text","title":"Oui","payload":"ARRIVED_YES"},
                          {"content_type":"text","title":"Non","payload":"ARRIVED_NO"}]}}""");
    f.nextWebhook();

    ada.tapQuickReply("Non");

    JsonObject message = messagingEvent(f.nextWebhook()).getAsJsonObject("message");
    assertEquals("Non", message.get("text").getAsString());
    assertEquals("ARRIVED_NO", message.getAsJsonObject("quick_reply").get("payload").getAsString());
    AssertionError notOffered = assertThrows(AssertionError.class, () -> ada.tapQuickReply("Peut-être"));
    assertTrue(notOffered.getMessage().contains("[Oui, Non]"), notOffered.getMessage());
  }

  @Test
  void postbackTapCarriesTitlePayloadAndMidAndUrlButtonsGiveTheirUrl() {
    ada.sendText("Hello");
    f.messenger("""
        {"recipient":{"id":"psid-ada"},"messaging_type":"RESPONSE","message":{"attachment":{"type":"template",
         "payload":{"template_type":"button","text":"Order A-1042: 42.00 EUR","buttons":[
           {"type":"web_url","title":"Pay €42.00","url":"https://pay.example/cs_test_1"},
           {"type":"postback","title":"Talk to a human","payload":"HANDOFF"}]}}}}""");
    f.nextWebhook();

    WebhookDelivery delivery = ada.tapButton("Talk to a human");

    JsonObject postback = messagingEvent(f.nextWebhook()).getAsJsonObject("postback");
    assertEquals("Talk to a human", postback.get("title").getAsString());
    assertEquals("HANDOFF", postback.get("payload").getAsString());
    assertEquals(delivery.eventId(), postback.get("mid").getAsString());
    assertEquals("https://pay.example/cs_test_1", ada.buttonUrl("Pay €42.00"));
  }

  @Test
  void deliveryHasMidsAndWatermarkButNoTimestampAndReadHasWatermark() {
    ada.sendText("Hello");
    f.nextWebhook();
    String mid = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Hi")).json().get("message_id").getAsString();

    ada.confirmDelivery();
    JsonObject delivery = messagingEvent(f.nextWebhook());
    ada.readAll();
    JsonObject read = messagingEvent(f.nextWebhook());

    assertEquals(mid, delivery.getAsJsonObject("delivery").getAsJsonArray("mids").get(0).getAsString());
    assertTrue(delivery.getAsJsonObject("delivery").has("watermark"));
    assertNull(delivery.get("timestamp"));
    assertEquals(SandboxFixture.START.toEpochMilli(), read.getAsJsonObject("read").get("watermark").getAsLong());
  }

  @Test
  void whatsAppTextCarriesContactProfileAndMetadataAndIsSigned() {
    bob.sendText("Où est ma commande ?");

    RecordedRequest webhook = f.nextWebhook();
    byte[] raw = webhook.getBody().toByteArray();
    assertEquals("sha256=" + MessengerSendApiTest.independentHmac(SandboxFixture.APP_SECRET,
        new String(raw, StandardCharsets.ISO_8859_1)), webhook.getHeaders().get("X-Hub-Signature-256"));
    JsonObject payload = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals("whatsapp_business_account", payload.get("object").getAsString());
    JsonObject change = payload.getAsJsonArray("entry").get(0).getAsJsonObject().getAsJsonArray("changes").get(0)
        .getAsJsonObject();
    assertEquals("messages", change.get("field").getAsString());
    JsonObject value = change.getAsJsonObject("value");
    assertEquals(SandboxFixture.NUMBER_ID, value.getAsJsonObject("metadata").get("phone_number_id").getAsString());
    JsonObject contact = value.getAsJsonArray("contacts").get(0).getAsJsonObject();
    assertEquals("Bob Martin", contact.getAsJsonObject("profile").get("name").getAsString());
    JsonObject message = value.getAsJsonArray("messages").get(0).getAsJsonObject();
    assertEquals(BOB_WA_ID, message.get("from").getAsString());
    assertEquals("text", message.get("type").getAsString());
    assertEquals("Où est ma commande ?", message.getAsJsonObject("text").get("body").getAsString());
    assertEquals(String.valueOf(SandboxFixture.START.getEpochSecond()), message.get("timestamp").getAsString());
  }

  @Test
  void whatsAppButtonAndListRepliesCarryIdsAndContext() {
    bob.sendText("Hi");
    f.nextWebhook();
    String buttonsMessage = f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"button",
         "body":{"text":"Did it arrive?"},"action":{"buttons":[{"type":"reply","reply":{"id":"arrived-yes","title":"Yes"}},
         {"type":"reply","reply":{"id":"arrived-no","title":"No"}}]}}}""".formatted(BOB_WA_ID))
        .json().getAsJsonArray("messages").get(0).getAsJsonObject().get("id").getAsString();
    f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"list",
         "body":{"text":"Pick a slot"},"action":{"button":"Slots","sections":[{"rows":[
         {"id":"slot-am","title":"Morning","description":"8:00-12:00"}]}]}}}""".formatted(BOB_WA_ID));

    bob.tapButton("No");
    JsonObject button = whatsAppMessage(f.nextWebhook());
    bob.chooseListRow("Morning");
    JsonObject list = whatsAppMessage(f.nextWebhook());

    assertEquals("interactive", button.get("type").getAsString());
    JsonObject reply = button.getAsJsonObject("interactive").getAsJsonObject("button_reply");
    assertEquals("arrived-no", reply.get("id").getAsString());
    assertEquals("No", reply.get("title").getAsString());
    assertEquals(buttonsMessage, button.getAsJsonObject("context").get("id").getAsString());
    JsonObject row = list.getAsJsonObject("interactive").getAsJsonObject("list_reply");
    assertEquals("slot-am", row.get("id").getAsString());
    assertEquals("8:00-12:00", row.get("description").getAsString());
  }

  @Test
  void templateQuickReplyTapArrivesAsAButtonMessage() {
    f.whatsApp("""
        {"messaging_product":"whatsapp","to":"%s","type":"template","template":{"name":"order_shipped",
         "language":{"code":"en_US"},"components":[
           {"type":"body","parameters":[{"type":"text","text":"A-1042"},{"type":"text","text":"Friday"}]},
           {"type":"button","sub_type":"url","index":0,"parameters":[{"type":"text","text":"A-1042"}]},
           {"type":"button","sub_type":"quick_reply","index":1,"parameters":[{"type":"payload","payload":"TALK"}]}]}}"""
        .formatted(BOB_WA_ID));

    bob.tapButton("Talk to us");

    JsonObject message = whatsAppMessage(f.nextWebhook());
    assertEquals("button", message.get("type").getAsString());
    assertEquals("TALK", message.getAsJsonObject("button").get("payload").getAsString());
    assertEquals("https://shop.example/track/A-1042", bob.buttonUrl("Track parcel"));
    assertTrue(bob.lastMessageAt() != null, "a tap opens the window");
  }

  @Test
  void whatsAppStatusesComeOnePerMessage() {
    bob.sendText("Hi");
    f.nextWebhook();
    f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "one"));
    f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "two"));

    List<WebhookDelivery> delivered = bob.confirmDelivery();
    List<WebhookDelivery> read = bob.readAll();

    assertEquals(2, delivered.size());
    assertEquals(2, read.size());
    JsonObject status = JsonParser.parseString(f.nextWebhook().getBody().utf8()).getAsJsonObject()
        .getAsJsonArray("entry").get(0).getAsJsonObject().getAsJsonArray("changes").get(0).getAsJsonObject()
        .getAsJsonObject("value").getAsJsonArray("statuses").get(0).getAsJsonObject();
    assertEquals("delivered", status.get("status").getAsString());
    assertEquals(BOB_WA_ID, status.get("recipient_id").getAsString());
    assertEquals(bob.receivedMessages().get(0).messageId(), status.get("id").getAsString());
    assertTrue(bob.confirmDelivery().isEmpty(), "nothing left to confirm");
  }

  @Test
  void passingTheThreadMovesEventsToStandbyAndBlocksSendsUntilItComesBack() {
    ada.sendText("I want a human");
    f.nextWebhook();

    SandboxFixture.Answer pass = f.postJson("/v25.0/me/pass_thread_control", """
        {"recipient":{"id":"psid-ada"},"target_app_id":263902037430900,"metadata":"refund question"}""",
        SandboxFixture.PAGE_TOKEN);
    assertTrue(pass.json().get("success").getAsBoolean());
    assertEquals("263902037430900", ada.threadOwnerAppId());

    SandboxFixture.Answer blocked = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Bot here"));
    assertEquals(10, blocked.code());
    assertEquals(2018300, blocked.subcode());

    ada.sendText("Hello? anyone?");
    JsonObject entry = entry(f.nextWebhook());
    assertTrue(entry.has("standby"));
    assertFalse(entry.has("messaging"));

    ada.passThreadControlBack("done");
    JsonObject handback = entry(f.nextWebhook()).getAsJsonArray("messaging").get(0).getAsJsonObject();
    assertEquals(f.sandbox.appId(),
        handback.getAsJsonObject("pass_thread_control").get("new_owner_app_id").getAsString());
    assertEquals(200, f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Bot is back")).status());
  }

  @Test
  void takeThreadControlReturnsOwnership() {
    ada.sendText("Hi");
    f.postJson("/v25.0/1001/pass_thread_control", """
        {"recipient":{"id":"psid-ada"},"target_app_id":"263902037430900"}""", SandboxFixture.PAGE_TOKEN);

    SandboxFixture.Answer take = f.postJson("/v25.0/1001/take_thread_control", """
        {"recipient":{"id":"psid-ada"},"metadata":"bot resumes"}""", SandboxFixture.PAGE_TOKEN);

    assertEquals(200, take.status());
    assertEquals(f.sandbox.appId(), ada.threadOwnerAppId());
  }

  @Test
  void userProfileAnswersRequestedFieldsOnly() {
    SandboxFixture.Answer profile = f.get("/v25.0/psid-ada?fields=first_name,last_name", SandboxFixture.PAGE_TOKEN);
    SandboxFixture.Answer badField = f.get("/v25.0/psid-ada?fields=email", SandboxFixture.PAGE_TOKEN);
    SandboxFixture.Answer unknown = f.get("/v25.0/psid-nobody?fields=first_name", SandboxFixture.PAGE_TOKEN);

    assertEquals(200, profile.status(), profile.body());
    assertEquals("Ada", profile.json().get("first_name").getAsString());
    assertEquals("Lovelace", profile.json().get("last_name").getAsString());
    assertEquals("psid-ada", profile.json().get("id").getAsString());
    assertFalse(profile.json().has("profile_pic"));
    assertEquals(100, badField.code());
    assertEquals(100, unknown.code());
    assertEquals(33, unknown.subcode());
  }

  @Test
  void withoutAWebhookUrlActionsStillOpenTheWindow() {
    f.sandbox.setMetaWebhookUrl(null);

    WebhookDelivery delivery = ada.sendText("Hi");

    assertEquals(WebhookDelivery.State.NO_TARGET, delivery.state());
    assertEquals(200, f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Hello")).status());
  }

  private static JsonObject entry(RecordedRequest webhook) {
    return JsonParser.parseString(webhook.getBody().utf8()).getAsJsonObject().getAsJsonArray("entry").get(0)
        .getAsJsonObject();
  }

  private static JsonObject messagingEvent(RecordedRequest webhook) {
    return entry(webhook).getAsJsonArray("messaging").get(0).getAsJsonObject();
  }

  private static JsonObject whatsAppMessage(RecordedRequest webhook) {
    return entry(webhook).getAsJsonArray("changes").get(0).getAsJsonObject().getAsJsonObject("value")
        .getAsJsonArray("messages").get(0).getAsJsonObject();
  }
}
