package dev.parley.testkit;

import static dev.parley.testkit.SandboxFixture.BOB_WA_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Injected faults look like the platforms' own failures, hit exactly what they target, and are reproducible. */
class FaultInjectionTest {
  @RegisterExtension
  final SandboxFixture f = new SandboxFixture();
  private final MessengerCustomer ada = f.ada();
  private final WhatsAppCustomer bob = f.bob();

  /** Both customers wrote first (delivered to no one), so replies to them are inside their windows. */
  @BeforeEach
  void customersWroteFirst() {
    f.sandbox.setMetaWebhookUrl(null);
    ada.sendText("Hi");
    bob.sendText("Hi");
    f.sandbox.setMetaWebhookUrl(f.receiver.url("/webhooks/meta").toString());
  }

  @Test
  void serverErrorsForTheNextTwoRequestsThenSuccess() {
    f.sandbox.inject(Fault.serverError(503).times(2));
    String body = SandboxFixture.text("psid-ada", "RESPONSE", "Hello");

    SandboxFixture.Answer first = f.messenger(body);
    SandboxFixture.Answer second = f.messenger(body);
    SandboxFixture.Answer third = f.messenger(body);

    assertEquals(503, first.status());
    assertEquals(2, first.code());
    assertTrue(first.error().get("is_transient").getAsBoolean());
    assertEquals(503, second.status());
    assertEquals(200, third.status());
    assertEquals(1, f.sandbox.sentMessages().size(), "failed attempts send nothing");
    assertEquals(List.of(503, 503, 200),
        f.sandbox.requests("/v25.0/*").stream().map(dev.parley.testkit.RecordedRequest::responseStatus).toList());
  }

  @Test
  void rateLimitAnswers429WithRetryAfterAndEachPlatformsCode() {
    f.sandbox.inject(Fault.rateLimited(Duration.ofMillis(1500)));

    SandboxFixture.Answer whatsApp = f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "x"));
    SandboxFixture.Answer messenger = f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "x"));
    SandboxFixture.Answer stripe = f.stripeGet("/v1/events/evt_1");

    assertEquals(429, whatsApp.status());
    assertEquals("2", whatsApp.headers().get("Retry-After"));
    assertEquals(130429, whatsApp.code());
    assertEquals(429, messenger.status());
    assertEquals(613, messenger.code());
    assertEquals(429, stripe.status());
    assertEquals("rate_limit", stripe.error().get("code").getAsString());
  }

  @Test
  void pathGlobLimitsAFaultToMatchingRequests() {
    f.sandbox.inject(Fault.serverError(500).onPath("/v1/*"));

    assertEquals(200, f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "x")).status());
    SandboxFixture.Answer stripe = f.stripeGet("/v1/events/evt_1");
    assertEquals(500, stripe.status());
    assertEquals("api_error", stripe.error().get("type").getAsString());
    f.sandbox.clearFaults();
    assertEquals(404, f.stripeGet("/v1/events/evt_1").status());
  }

  @Test
  void probabilityWithASeedGivesTheSameSequenceEveryRun() {
    List<Integer> firstRun = statuses(f, 1234L);
    SandboxFixture other = new SandboxFixture();
    List<Integer> secondRun;
    try {
      other.ada().sendText("Hi");
      secondRun = statuses(other, 1234L);
    } finally {
      other.close();
    }

    assertEquals(firstRun, secondRun);
    assertTrue(firstRun.contains(500) && firstRun.contains(200), firstRun.toString());
  }

  @Test
  void droppedConnectionGivesNoAnswerAndSendsNothing() {
    f.sandbox.inject(Fault.dropConnection().times(1));

    assertThrows(UncheckedIOException.class, () -> f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "x")));

    assertTrue(f.sandbox.sentMessages().isEmpty());
    assertEquals(0, f.sandbox.requests().get(f.sandbox.requests().size() - 1).responseStatus());
    assertEquals(200, f.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "x")).status());
  }

  @Test
  void droppedResponseSendsButLeavesTheCallerGuessing() {
    f.sandbox.inject(Fault.dropResponse().onPath("/v25.0/2002/messages").times(1));

    assertThrows(UncheckedIOException.class, () -> f.whatsApp(SandboxFixture.waText(BOB_WA_ID, "Your refund is on its way")));

    assertEquals(1, f.sandbox.sentMessages().size(), "the platform did send it");
  }

  @Test
  void droppedStripeResponseIsSafeToRetryWithTheSameIdempotencyKey() {
    f.sandbox.inject(Fault.dropResponse().onPath("/v1/checkout/sessions").times(1));

    assertThrows(UncheckedIOException.class, () -> f.createSession("checkout:A-1042"));
    String id = f.createSession("checkout:A-1042").get("id").getAsString();

    assertEquals(1, f.sandbox.stripe().checkoutSessions().size());
    assertEquals(id, f.sandbox.stripe().checkoutSessions().get(0).id());
  }

  @Test
  void latencyDelaysTheAnswerPastAShortReadTimeout() {
    f.sandbox.inject(Fault.latency(Duration.ofMillis(800)).times(1));
    OkHttpClient impatient = f.http.newBuilder().readTimeout(Duration.ofMillis(100)).build();
    Request request = new Request.Builder().url(f.sandbox.graphBaseUrl() + "/v25.0/1001/messages")
        .header("Authorization", "Bearer " + SandboxFixture.PAGE_TOKEN)
        .post(RequestBody.create(SandboxFixture.text("psid-ada", "RESPONSE", "x"), SandboxFixture.JSON)).build();

    assertThrows(InterruptedIOException.class, () -> impatient.newCall(request).execute().close());
    try (okhttp3.Response response = impatient.newCall(request).execute()) {
      assertEquals(200, response.code());
    } catch (IOException e) {
      throw new AssertionError("the second request has no latency", e);
    }
  }

  @Test
  void duplicatedWebhooksArriveTwiceWithIdenticalBodiesAndSignatures() {
    f.sandbox.inject(Fault.duplicateWebhooks().times(1));

    ada.sendText("Where is my parcel?");
    ada.sendText("Hello?");

    RecordedRequest first = f.nextWebhook();
    RecordedRequest copy = f.nextWebhook();
    RecordedRequest next = f.nextWebhook();
    assertEquals(first.getBody(), copy.getBody());
    assertEquals(first.getHeaders().get("X-Hub-Signature-256"), copy.getHeaders().get("X-Hub-Signature-256"));
    assertNotEquals(first.getBody(), next.getBody());
    List<WebhookDelivery> deliveries = f.sandbox.webhookDeliveries().stream()
        .filter(d -> d.state() == WebhookDelivery.State.ANSWERED).toList();
    assertEquals(3, deliveries.size());
    assertTrue(deliveries.get(1).duplicate());
  }

  @Test
  void reorderedWebhooksArriveNewestFirst() {
    f.sandbox.inject(Fault.reorderWebhooks(3).onPath("/webhooks/meta"));

    WebhookDelivery one = ada.sendText("one");
    WebhookDelivery two = ada.sendText("two");
    ada.sendText("three");

    assertEquals(WebhookDelivery.State.HELD, one.state());
    assertEquals(WebhookDelivery.State.HELD, two.state());
    assertEquals(List.of("three", "two", "one"), List.of(text(f.nextWebhook()), text(f.nextWebhook()),
        text(f.nextWebhook())));
    ada.sendText("four");
    assertEquals("four", text(f.nextWebhook()), "one batch only");
  }

  @Test
  void heldWebhooksCanBeReleasedEarly() {
    f.sandbox.inject(Fault.reorderWebhooks(5));

    ada.sendText("one");
    ada.sendText("two");
    f.sandbox.releaseHeldWebhooks();

    assertEquals(List.of("two", "one"), List.of(text(f.nextWebhook()), text(f.nextWebhook())));
  }

  @Test
  void webhookFaultsOnOnePathLeaveTheOtherAlone() {
    f.sandbox.inject(Fault.duplicateWebhooks().onPath("/webhooks/stripe"));
    String id = f.createSession(null).get("id").getAsString();

    ada.sendText("hi");
    f.sandbox.stripe().payCheckoutSession(id);

    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      paths.add(f.nextWebhook().getUrl().encodedPath());
    }
    assertEquals(List.of("/webhooks/meta", "/webhooks/stripe", "/webhooks/stripe"), paths);
  }

  @Test
  void faultsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> Fault.serverError(404));
    assertThrows(IllegalArgumentException.class, () -> Fault.reorderWebhooks(3).times(2));
    assertThrows(IllegalArgumentException.class, () -> Fault.serverError(500).withProbability(1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> Fault.dropConnection().onPath("v1/refunds"));
    assertEquals("Fault{rate_limited 429 PT2S on /v1/* x3}",
        Fault.rateLimited(Duration.ofSeconds(2)).onPath("/v1/*").times(3).toString());
  }

  private static List<Integer> statuses(SandboxFixture fixture, long seed) {
    fixture.sandbox.inject(Fault.serverError(500).withProbability(0.4, seed));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(fixture.messenger(SandboxFixture.text("psid-ada", "RESPONSE", "x" + i)).status());
    }
    return out;
  }

  private static String text(RecordedRequest webhook) {
    return JsonParser.parseString(webhook.getBody().utf8()).getAsJsonObject().getAsJsonArray("entry").get(0)
        .getAsJsonObject().getAsJsonArray("messaging").get(0).getAsJsonObject().getAsJsonObject("message")
        .get("text").getAsString();
  }
}
