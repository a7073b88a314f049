package dev.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Messenger Send API accepts what Meta accepts and refuses, with Meta's codes, what Meta refuses. */
class MessengerSendApiTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final MessengerCustomer ada = f.ada();

  @Test
  void textInsideTheWindowAnswersRecipientAndMessageId() {
    ada.sendText("Hello");
    SandboxFixture.Answer answer = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Hi Ada, how can I help?"));

    assertEquals(200, answer.status(), answer.body());
    JsonObject json = answer.json();
    assertEquals("psid-ada", json.get("recipient_id").getAsString());
    assertTrue(json.get("message_id").getAsString().startsWith("m_"));
    SentMessage sent = ada.receivedMessages().get(0);
    assertEquals("Hi Ada, how can I help?", sent.summary());
    assertEquals(json.get("message_id").getAsString(), sent.messageId());
  }

  @Test
  void textOf2001CharactersIsRefusedWithCode100AndTheLimit() {
    ada.sendText("Hello");
    SandboxFixture.Answer answer = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "a".repeat(2001)));

    assertEquals(400, answer.status());
    assertEquals(100, answer.code());
    assertTrue(answer.error().get("message").getAsString().contains("2001 characters; Messenger allows 2000"),
        answer.body());
    assertTrue(answer.error().has("fbtrace_id"));
    assertEquals("OAuthException", answer.error().get("type").getAsString());
    assertTrue(f.sandbox.sentMessages().isEmpty());
  }

  @Test
  void textLengthCountsCharactersNotUtf16Units() {
    ada.sendText("Hello");
    String emoji = "😀".repeat(2000);

    assertEquals(200, f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", emoji)).status());
  }

  @Test
  void buttonTitleOf21CharactersIsRefusedNamingTheField() {
    ada.sendText("Hello");
    SandboxFixture.Answer answer = f.messenger(buttonTemplate("Your parcel left the warehouse.", """
        [{"type":"web_url","url":"https://shop.example/track/1042","title":"Track your parcel now"}]"""));

    assertEquals(400, answer.status());
    assertEquals(100, answer.code());
    String message = answer.error().get("message").getAsString();
    assertTrue(message.contains("[buttons][0][title] 'Track your parcel now' is 21 characters; Messenger allows 20"),
        message);
  }

  @Test
  void buttonTemplateTakesOneToThreeButtons() {
    ada.sendText("Hello");
    String button = """
        {"type":"postback","title":"Help","payload":"HELP"}""";

    assertEquals(400, f.messenger(buttonTemplate("Choose", "[]")).status());
    SandboxFixture.Answer four = f.messenger(buttonTemplate("Choose",
        "[" + String.join(",", List.of(button, button, button, button)) + "]"));
    assertEquals(400, four.status());
    assertTrue(four.error().get("message").getAsString().contains("has 4 item(s); Messenger allows 1 to 3"));
    assertEquals(200, f.messenger(buttonTemplate("Choose", "[" + button + "]")).status());
  }

  @Test
  void buttonTemplateTextOver640IsRefused() {
    ada.sendText("Hello");
    String buttons = """
        [{"type":"postback","title":"Help","payload":"HELP"}]""";

    assertEquals(400, f.messenger(buttonTemplate("x".repeat(641), buttons)).status());
    assertEquals(200, f.messenger(buttonTemplate("x".repeat(640), buttons)).status());
  }

  @Test
  void atMostThirteenQuickReplies() {
    ada.sendText("Hello");
    StringBuilder replies = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      replies.append(i == 0 ? "" : ",").append("{\"content_type\":\"text\",\"title\":\"Option ")
          .append(i).append("\",\"payload\":\"OPT_").append(i).append("\"}");
    }
    String body = """
        {"recipient":{"id":"psid-ada"},"messaging_type":"RESPONSE",
         "message":{"text":"Pick one","quick_replies":[%s]}}""";

    SandboxFixture.Answer fourteen = f.messenger(body.formatted(replies));
    assertEquals(400, fourteen.status());
    assertTrue(fourteen.error().get("message").getAsString().contains("14 item(s); Messenger allows 1 to 13"));
    String thirteen = replies.substring(0, replies.lastIndexOf(",{"));
    SandboxFixture.Answer ok = f.messenger(body.formatted(thirteen));
    assertEquals(200, ok.status(), ok.body());
    assertEquals(13, ada.receivedMessages().get(0).choices().size());
  }

  @Test
  void genericTemplateTakesAtMostTenElements() {
    ada.sendText("Hello");
    StringBuilder elements = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      elements.append(i == 0 ? "" : ",").append("{\"title\":\"Tea ").append(i)
          .append("\",\"subtitle\":\"Loose leaf\",\"image_url\":\"https://shop.example/tea.png\"}");
    }
    String body = """
        {"recipient":{"id":"psid-ada"},"messaging_type":"RESPONSE","message":{"attachment":{"type":"template",
         "payload":{"template_type":"generic","elements":[%s]}}}}""";

    assertEquals(400, f.messenger(body.formatted(elements)).status());
    String ten = elements.substring(0, elements.lastIndexOf(",{"));
    assertEquals(200, f.messenger(body.formatted(ten)).status());
    assertEquals("generic_template", ada.receivedMessages().get(0).kind());
  }

  @Test
  void outsideTheWindowWithoutATagIsRefusedWithCode10Subcode2018278() {
    ada.sendText("Hello");
    f.sandbox.advanceClock(Duration.ofHours(25));

    SandboxFixture.Answer answer = f.messenger(SandboxFixture.text("psid-ada", "UPDATE", "Your parcel shipped"));

    assertEquals(400, answer.status());
    assertEquals(10, answer.code());
    assertEquals(2018278, answer.subcode());
  }

  @Test
  void aCustomerWhoNeverWroteIsOutsideTheWindow() {
    SandboxFixture.Answer answer = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Hi"));

    assertEquals(10, answer.code());
    assertEquals(2018278, answer.subcode());
  }

  @Test
  void postPurchaseUpdateTagIsAllowedOutsideTheWindow() {
    ada.sendText("Hello");
    f.sandbox.advanceClock(Duration.ofDays(3));

    SandboxFixture.Answer answer = f.messenger("""
        {"recipient":{"id":"psid-ada"},"messaging_type":"MESSAGE_TAG","tag":"POST_PURCHASE_UPDATE",
         "message":{"text":"Your order A-1042 has shipped"}}""");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("POST_PURCHASE_UPDATE", ada.receivedMessages().get(0).tag());
  }

  @Test
  void humanAgentTagIsAllowedForSevenDaysThenRefused() {
    ada.sendText("Hello");
    String reply = """
        {"recipient":{"id":"psid-ada"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT",
         "message":{"text":"Sorry for the wait, I have refunded the teapot."}}""";

    f.sandbox.advanceClock(Duration.ofDays(6));
    assertEquals(200, f.messenger(reply).status());
    f.sandbox.advanceClock(Duration.ofDays(1).plusMinutes(1));
    SandboxFixture.Answer late = f.messenger(reply);
    assertEquals(400, late.status());
    assertEquals(10, late.code());
    assertEquals(2018278, late.subcode());
  }

  @Test
  void retiredTagsAndTagsWithoutMessageTagAreRefused() {
    ada.sendText("Hello");

    SandboxFixture.Answer retired = f.messenger("""
        {"recipient":{"id":"psid-ada"},"messaging_type":"MESSAGE_TAG","tag":"SHIPPING_UPDATE",
         "message":{"text":"Shipped"}}""");
    SandboxFixture.Answer misplaced = f.messenger("""
        {"recipient":{"id":"psid-ada"},"messaging_type":"RESPONSE","tag":"POST_PURCHASE_UPDATE",
         "message":{"text":"Shipped"}}""");
    SandboxFixture.Answer noType = f.messenger("""
        {"recipient":{"id":"psid-ada"},"message":{"text":"Shipped"}}""");

    assertEquals(100, retired.code());
    assertTrue(retired.error().get("message").getAsString().contains("retired"));
    assertEquals(100, misplaced.code());
    assertEquals(100, noType.code());
    assertTrue(noType.error().get("message").getAsString().contains("messaging_type"));
  }

  @Test
  void senderActionsAnswerRecipientOnlyAndCannotComeWithAMessage() {
    ada.sendText("Hello");

    SandboxFixture.Answer typing = f.messenger("""
        {"recipient":{"id":"psid-ada"},"sender_action":"typing_on"}""");
    SandboxFixture.Answer both = f.messenger("""
        {"recipient":{"id":"psid-ada"},"sender_action":"typing_on","messaging_type":"RESPONSE",
         "message":{"text":"Hi"}}""");

    assertEquals(200, typing.status());
    assertEquals("psid-ada", typing.json().get("recipient_id").getAsString());
    assertNull(typing.json().get("message_id"));
    assertEquals(100, both.code());
    assertTrue(f.sandbox.sentMessages().isEmpty(), "a sender action is not a message");
  }

  @Test
  void badTokenIs190AndUnknownIdsAreCode100() {
    ada.sendText("Hello");
    String body = SandboxFixture.text("psid-ada", "RESPONSE", "Hi");

    SandboxFixture.Answer badBearer = f.postJson("/v25.0/1001/messages", body, "not-a-token");
    SandboxFixture.Answer badQuery = f.postJson("/v25.0/1001/messages?access_token=nope", body, null);
    SandboxFixture.Answer noToken = f.postJson("/v25.0/1001/messages", body, null);
    SandboxFixture.Answer otherPage = f.postJson("/v25.0/1001/messages", body, SandboxFixture.WA_TOKEN);
    SandboxFixture.Answer unknownPage = f.postJson("/v25.0/9999/messages", body, SandboxFixture.PAGE_TOKEN);
    SandboxFixture.Answer unknownUser = f.messenger(SandboxFixture.text("psid-nobody", "RESPONSE", "Hi"));

    assertEquals(401, badBearer.status());
    assertEquals(190, badBearer.code());
    assertEquals(400, badQuery.status());
    assertEquals(190, badQuery.code());
    assertEquals(190, noToken.code());
    assertEquals(190, otherPage.code());
    assertEquals(100, unknownPage.code());
    assertEquals(33, unknownPage.subcode());
    assertEquals(100, unknownUser.code());
    assertEquals(2018001, unknownUser.subcode());
  }

  @Test
  void meMessagesActsForTheTokensPage() {
    ada.sendText("Hello");

    SandboxFixture.Answer answer = f.postJson("/v25.0/me/messages",
        SandboxFixture.text("psid-ada", "RESPONSE", "Hi from /me"), SandboxFixture.PAGE_TOKEN);

    assertEquals(200, answer.status(), answer.body());
    assertEquals(SandboxFixture.PAGE_ID, ada.receivedMessages().get(0).businessId());
  }

  @Test
  void formEncodedSendWithTokenInQueryIsAccepted() {
    ada.sendText("Hello");
    Request request = new Request.Builder()
        .url(f.sandbox.graphBaseUrl() + "/v25.0/1001/messages?access_token=" + SandboxFixture.PAGE_TOKEN)
        .post(new FormBody.Builder()
            .add("recipient", "{\"id\":\"psid-ada\"}")
            .add("messaging_type", "RESPONSE")
            .add("message", "{\"text\":\"Form-encoded hello\"}")
            .build())
        .build();

    SandboxFixture.Answer answer = f.call(request);

    assertEquals(200, answer.status(), answer.body());
    assertEquals("Form-encoded hello", ada.receivedMessages().get(0).summary());
  }

  @Test
  void blockedCustomerAnswers551() {
    ada.sendText("Hello");
    ada.setAvailable(false);

    SandboxFixture.Answer answer = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Hi"));

    assertEquals(551, answer.code());
    assertEquals(1545041, answer.subcode());
  }

  @Test
  void receiptTemplateNeedsItsRequiredFieldsAndTakesNoButtons() {
    ada.sendText("Hello");
    String receipt = """
        {"recipient":{"id":"psid-ada"},"messaging_type":"MESSAGE_TAG","tag":"POST_PURCHASE_UPDATE",
         "message":{"attachment":{"type":"template","payload":{"template_type":"receipt",
           "recipient_name":"Ada Lovelace","order_number":"A-1042","currency":"EUR","payment_method":"Visa 4242",
           "elements":[{"title":"Tea tin","quantity":2,"price":15.00},{"title":"Teapot","price":12}],
           "summary":{"subtotal":42.00,"total_cost":42.00}%s}}}}""";

    SandboxFixture.Answer ok = f.messenger(receipt.formatted(""));
    SandboxFixture.Answer withButtons = f.messenger(receipt.formatted(
        ",\"buttons\":[{\"type\":\"postback\",\"title\":\"Help\",\"payload\":\"HELP\"}]"));
    SandboxFixture.Answer noTotal = f.messenger(receipt.formatted("").replace("\"total_cost\":42.00", "\"x\":1"));

    assertEquals(200, ok.status(), ok.body());
    assertEquals("[receipt #A-1042] total 42.00 EUR", ada.receivedMessages().get(0).summary());
    assertEquals(400, withButtons.status());
    assertEquals(400, noTotal.status());
    assertTrue(noTotal.error().get("message").getAsString().contains("[summary][total_cost]"));
  }

  @Test
  void appSecretProofIsCheckedWhenGivenAndRequiredWhenConfigured() {
    try (SandboxFixture strict = new SandboxFixture(b -> b.requireAppSecretProof(true))) {
      strict.ada().sendText("Hello");
      String body = SandboxFixture.text("psid-ada", "RESPONSE", "Hi");
      String proof = independentHmac(SandboxFixture.APP_SECRET, SandboxFixture.PAGE_TOKEN);

      assertEquals(100, strict.postJson("/v25.0/1001/messages", body, SandboxFixture.PAGE_TOKEN).code());
      assertEquals(100, strict.postJson("/v25.0/1001/messages?appsecret_proof=00ff", body, SandboxFixture.PAGE_TOKEN)
          .code());
      assertEquals(200, strict.postJson("/v25.0/1001/messages?appsecret_proof=" + proof, body,
          SandboxFixture.PAGE_TOKEN).status());
    }
  }

  private static String buttonTemplate(String text, String buttons) {
    return """
        {"recipient":{"id":"psid-ada"},"messaging_type":"RESPONSE","message":{"attachment":{"type":"template",
         "payload":{"template_type":"button","text":%s,"buttons":%s}}}}""".formatted(quote(text), buttons);
  }

  private static String quote(String text) {
    return new com.google.gson.JsonPrimitive(text).toString();
  }

  static String independentHmac(String key, String message) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "HmacSHA256"));
      byte[] digest = mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
