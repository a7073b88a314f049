package dev.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request is recorded faithfully and safely; the sandbox starts, waits and stops as tests need. */
class RecordingAndLifecycleTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final MessengerCustomer ada = f.ada();

  @BeforeEach
  void start() {
    f.sandbox.setMetaWebhookUrl(null);
    ada.sendText("Hi");
  }

  @Test
  void recordsMethodPathQueryHeadersBodyAndStatus() {
    String body = SandboxFixture.text("psid-ada", "RESPONSE", "Hello");
    f.postJson("/v25.0/1001/messages?notify=1", body, SandboxFixture.PAGE_TOKEN);
    f.stripeGet("/v1/events/evt_missing");

    List<RecordedRequest> all = f.sandbox.requests();
    RecordedRequest graph = f.sandbox.requests("/v25.0/*/messages").get(0);

    assertEquals(2, all.size());
    assertEquals("POST", graph.method());
    assertEquals("/v25.0/1001/messages", graph.path());
    assertEquals("1", graph.queryParameter("notify"));
    assertEquals("Bearer " + SandboxFixture.PAGE_TOKEN, graph.header("Authorization"));
    assertTrue(graph.header("content-type").startsWith("application/json"));
    assertEquals(body, graph.body());
    assertEquals(200, graph.responseStatus());
    assertEquals(404, all.get(1).responseStatus());
    assertEquals(SandboxFixture.START, graph.receivedAt());
  }

  @Test
  void toStringRedactsTokens() {
    f.postJson("/v25.0/1001/messages?access_token=" + SandboxFixture.PAGE_TOKEN,
        SandboxFixture.text("psid-ada", "RESPONSE", "x"), SandboxFixture.PAGE_TOKEN);

    String text = f.sandbox.requests().get(0).toString();

    assertFalse(text.contains(SandboxFixture.PAGE_TOKEN), text);
    assertTrue(text.contains("access_token=[redacted]"), text);
  }

  @Test
  void clearForgetsRequestsButNotMessages() {
    f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "x"));

    f.sandbox.clearRequests();

    assertTrue(f.sandbox.requests().isEmpty());
    assertEquals(1, f.sandbox.sentMessages().size());
  }

  @Test
  void concurrentSendersAreAllRecordedOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String text = "message " + i;
      results.add(pool.submit(() -> f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", text)).status()));
    }
    for (Future<Integer> r : results) {
      assertEquals(200, r.get());
    }
    pool.shutdown();

    List<RecordedRequest> recorded = f.sandbox.requests();
    assertEquals(120, recorded.size());
    assertEquals(120, recorded.stream().map(RecordedRequest::sequence).collect(Collectors.toSet()).size());
    Set<String> texts = f.sandbox.sentMessages().stream().map(SentMessage::summary).collect(Collectors.toSet());
    assertEquals(120, texts.size());
  }

  @Test
  void awaitSentMessageWaitsForAMessageSentFromAnotherThread() throws Exception {
    Thread sender = new Thread(() -> f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "Your parcel is here")));
    sender.start();

    SentMessage message = f.sandbox.awaitSentMessage(m -> m.summary().contains("parcel"), Duration.ofSeconds(5));
    sender.join();

    assertEquals("psid-ada", message.recipientId());
    assertEquals(SentMessage.Platform.MESSENGER, message.platform());
    AssertionError none = assertThrows(AssertionError.class,
        () -> ada.awaitMessages(2, Duration.ofMillis(50)));
    assertTrue(none.getMessage().contains("Your parcel is here"), none.getMessage());
  }

  @Test
  void unknownRoutesAnswerAGraphErrorNotACrash() {
    SandboxFixture.Answer unversioned = f.postJson("/1001/messages", "{}", SandboxFixture.PAGE_TOKEN);
    SandboxFixture.Answer unknownEdge = f.postJson("/v25.0/1001/feed", "{}", SandboxFixture.PAGE_TOKEN);
    SandboxFixture.Answer notJson = f.postJson("/v25.0/1001/messages", "{oops", SandboxFixture.PAGE_TOKEN);

    assertEquals(404, unversioned.status());
    assertEquals(2500, unversioned.code());
    assertEquals(2500, unknownEdge.code());
    assertEquals(100, notJson.code());
  }

  @Test
  void closeIsIdempotentAndStopsListening() {
    String base = f.sandbox.graphBaseUrl();
    f.sandbox.close();
    f.sandbox.close();

    assertThrows(UncheckedIOException.class, () -> f.call(new okhttp3.Request.Builder().url(base + "/v1/events/x")
        .build()));
  }

  @Test
  void builderRejectsBadSettingsNamingThem() {
    PlatformSandbox.Builder builder = PlatformSandbox.builder();

    assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.port(70000)).getMessage().contains("70000"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.metaWebhookUrl("ftp://x/y")).getMessage()
        .contains("metaWebhookUrl"));
    assertThrows(IllegalArgumentException.class, () -> builder.appSecret(" "));
    assertThrows(IllegalArgumentException.class, () -> builder.messengerPage("me", "token"));
    assertThrows(IllegalArgumentException.class, () -> f.sandbox.messengerCustomer("9999", "psid", "Nobody"));
    assertThrows(IllegalArgumentException.class, () -> f.sandbox.whatsAppCustomer(SandboxFixture.NUMBER_ID,
        "+33612345678", "Plus"));
  }

  @Test
  void templatesAreCheckedWhenRegistered() {
    assertThrows(IllegalArgumentException.class, () -> WhatsAppTemplate.builder("Order Shipped", "en_US")
        .body("x").build());
    assertThrows(IllegalArgumentException.class, () -> WhatsAppTemplate.builder("mixed", "en_US")
        .body("{{1}} and {{order_id}}").build());
    assertThrows(IllegalArgumentException.class, () -> WhatsAppTemplate.builder("gap", "en_US")
        .body("{{1}} and {{3}}").build());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> WhatsAppTemplate.builder("long", "en_US").body("x".repeat(1025)).build());
    assertTrue(tooLong.getMessage().contains("1025 characters; WhatsApp templates allow 1024"));
    assertThrows(IllegalArgumentException.class, () -> WhatsAppTemplate.builder("button", "en_US").body("x")
        .quickReplyButton("This label is far too long").build());
  }

  @Test
  void secretsStayOutOfToStringAndAreNotRecordedInWebhookHistory() {
    f.sandbox.setMetaWebhookUrl(f.receiver.url("/webhooks/meta").toString());
    WebhookDelivery delivery = ada.sendText("secret?");

    assertFalse(f.sandbox.toString().contains(SandboxFixture.APP_SECRET));
    assertFalse(delivery.toString().contains(SandboxFixture.APP_SECRET));
    assertTrue(delivery.signatureHeader().startsWith("sha256="));
  }
}
