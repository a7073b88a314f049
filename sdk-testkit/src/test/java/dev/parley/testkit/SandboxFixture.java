package dev.parley.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running sandbox with one Messenger page, one WhatsApp number, two templates and a Stripe key, a
 * MockWebServer receiving its webhooks, and an OkHttp client that sends hand-written requests shaped
 * as the platform docs show. Close it after each test, or let JUnit close it: a field
 * {@code @RegisterExtension final SandboxFixture f = new SandboxFixture();} gives each test a fresh one.
 */
final class SandboxFixture implements AutoCloseable, AfterEachCallback {
  static final String PAGE_ID = "1001";
  static final String PAGE_TOKEN = "page-token-1001";
  static final String NUMBER_ID = "2002";
  static final String DISPLAY_NUMBER = "15550001111";
  static final String WA_TOKEN = "wa-token-2002";
  static final String APP_SECRET = "app-secret-for-tests";
  static final String STRIPE_KEY = "sk_test_sandbox_fixture_key";
  static final String WHSEC = "whsec_fixture_secret";
  static final MediaType JSON = MediaType.get("application/json");
  static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
  /** The page-scoped id of Ada, the Messenger customer tests play ({@link #ada()}). */
  static final String ADA_PSID = "psid-ada";
  /** The WhatsApp id of Bob, the WhatsApp customer tests play ({@link #bob()}). */
  static final String BOB_WA_ID = "33612345678";

  final MockWebServer receiver = new MockWebServer();
  final PlatformSandbox sandbox;
  final OkHttpClient http = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .readTimeout(Duration.ofSeconds(10))
      .build();

  SandboxFixture() {
    this(builder -> { });
  }

  SandboxFixture(java.util.function.Consumer<PlatformSandbox.Builder> customize) {
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).body("EVENT_RECEIVED").build();
      }
    });
    try {
      receiver.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PlatformSandbox.Builder builder = PlatformSandbox.builder()
        .clock(Clock.fixed(START, ZoneOffset.UTC))
        .appSecret(APP_SECRET)
        .stripeApiKey(STRIPE_KEY)
        .stripeWebhookSecret(WHSEC)
        .messengerPage(PAGE_ID, PAGE_TOKEN)
        .whatsAppNumber(NUMBER_ID, DISPLAY_NUMBER, WA_TOKEN)
        .whatsAppTemplate(WhatsAppTemplate.builder("order_shipped", "en_US")
            .body("Your order {{1}} is on its way. It should arrive on {{2}}.")
            .urlButton("Track parcel", "https://shop.example/track/{{1}}")
            .quickReplyButton("Talk to us")
            .build())
        .whatsAppTemplate(WhatsAppTemplate.builder("order_confirmed", "fr")
            .headerText("Commande {{order_id}}")
            .body("Bonjour {{first_name}}, votre commande {{order_id}} de {{total}} est confirmée.")
            .build())
        .metaWebhookUrl(receiver.url("/webhooks/meta").toString())
        .stripeWebhookUrl(receiver.url("/webhooks/stripe").toString());
    customize.accept(builder);
    sandbox = builder.start();
  }

  /** Ada Lovelace, a customer of the fixture's Messenger page (created on the first call). */
  MessengerCustomer ada() {
    return sandbox.messengerCustomer(PAGE_ID, ADA_PSID, "Ada Lovelace");
  }

  /** Bob Martin, a customer of the fixture's WhatsApp number (created on the first call). */
  WhatsAppCustomer bob() {
    return sandbox.whatsAppCustomer(NUMBER_ID, BOB_WA_ID, "Bob Martin");
  }

  /** An answer: status, one header lookup and the parsed JSON body (null when not JSON). */
  record Answer(int status, okhttp3.Headers headers, String body) {
    JsonObject json() {
      JsonElement parsed = JsonParser.parseString(body);
      return parsed.getAsJsonObject();
    }

    JsonObject error() {
      return json().getAsJsonObject("error");
    }

    int code() {
      return error().get("code").getAsInt();
    }

    Integer subcode() {
      JsonElement e = error().get("error_subcode");
      return e == null ? null : e.getAsInt();
    }
  }

  Answer messenger(String json) {
    return postJson("/v25.0/" + PAGE_ID + "/messages", json, PAGE_TOKEN);
  }

  Answer whatsApp(String json) {
    return postJson("/v25.0/" + NUMBER_ID + "/messages", json, WA_TOKEN);
  }

  Answer postJson(String path, String json, String bearer) {
    Request.Builder request = new Request.Builder().url(sandbox.graphBaseUrl() + path)
        .post(RequestBody.create(json, JSON));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return call(request.build());
  }

  Answer get(String pathAndQuery, String bearer) {
    Request.Builder request = new Request.Builder().url(sandbox.graphBaseUrl() + pathAndQuery);
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return call(request.build());
  }

  /** A Stripe POST with form fields given as alternating names and values, as stripe-java encodes them. */
  Answer stripePost(String path, String idempotencyKey, String... fields) {
    FormBody.Builder form = new FormBody.Builder();
    for (int i = 0; i < fields.length; i += 2) {
      form.add(fields[i], fields[i + 1]);
    }
    Request.Builder request = new Request.Builder().url(sandbox.stripeApiBase() + path)
        .header("Authorization", "Bearer " + STRIPE_KEY)
        .post(form.build());
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return call(request.build());
  }

  Answer stripeGet(String pathAndQuery) {
    return call(new Request.Builder().url(sandbox.stripeApiBase() + pathAndQuery)
        .header("Authorization", "Bearer " + STRIPE_KEY).build());
  }

  /** Creates a checkout session of 42.00 EUR (two items) and returns its JSON. */
  JsonObject createSession(String idempotencyKey, String... extraFields) {
    String[] base = {
        "mode", "payment",
        "success_url", "https://shop.example/thanks?session={CHECKOUT_SESSION_ID}",
        "line_items[0][quantity]", "2",
        "line_items[0][price_data][currency]", "EUR",
        "line_items[0][price_data][unit_amount]", "1500",
        "line_items[0][price_data][product_data][name]", "Tea tin",
        "line_items[1][quantity]", "1",
        "line_items[1][price_data][currency]", "eur",
        "line_items[1][price_data][unit_amount]", "1200",
        "line_items[1][price_data][product_data][name]", "Teapot",
        "client_reference_id", "conversation-7",
        "metadata[order_id]", "A-1042",
        "payment_intent_data[metadata][order_id]", "A-1042"};
    String[] all = new String[base.length + extraFields.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extraFields, 0, all, base.length, extraFields.length);
    Answer answer = stripePost("/v1/checkout/sessions", idempotencyKey, all);
    if (answer.status() != 200) {
      throw new AssertionError("session creation failed: " + answer.body());
    }
    return answer.json();
  }

  Answer call(Request request) {
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next webhook the receiver got, or an AssertionError after 5 s. */
  RecordedRequest nextWebhook() {
    try {
      RecordedRequest r = receiver.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no webhook arrived");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static String text(String psid, String messagingType, String text) {
    JsonObject body = new JsonObject();
    JsonObject recipient = new JsonObject();
    recipient.addProperty("id", psid);
    body.add("recipient", recipient);
    body.addProperty("messaging_type", messagingType);
    JsonObject message = new JsonObject();
    message.addProperty("text", text);
    body.add("message", message);
    return body.toString();
  }

  static String waText(String to, String text) {
    JsonObject body = new JsonObject();
    body.addProperty("messaging_product", "whatsapp");
    body.addProperty("recipient_type", "individual");
    body.addProperty("to", to);
    body.addProperty("type", "text");
    JsonObject t = new JsonObject();
    t.addProperty("body", text);
    body.add("text", t);
    return body.toString();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    sandbox.close();
    receiver.close();
  }
}
