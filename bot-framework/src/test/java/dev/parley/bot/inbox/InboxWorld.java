package dev.parley.bot.inbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.bot.agent.AgentApi;
import dev.parley.bot.agent.AgentHttpApi;
import dev.parley.bot.agent.AgentTokens;
import dev.parley.bot.concierge.ConciergeDesk;
import dev.parley.bot.concierge.InMemoryTaskStore;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.InMemoryHandoffStore;
import dev.parley.bot.server.BotServer;
import dev.parley.core.Channel;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * One running inbox, as a support team would run it: the {@link BotServer} with the signed Meta
 * webhook, the agent API and the {@link InboxPage}, over a conversation store, the outbox, the
 * handoff and concierge desks, a {@link FrontDeskBot}, and a MockWebServer standing in for the
 * Graph API that records every message that reached "the platform".
 */
final class InboxWorld implements AutoCloseable {
  static final String APP_SECRET = "inbox-world-app-secret-5e7c2a";
  static final String VERIFY_TOKEN = "inbox-world-verify";
  static final String ALICE_TOKEN = "alice-7f3b9c1d2e4a5b6c";
  static final String PAGE_ID = "1029384756";
  static final String PHONE_ID = "106540352242922";

  final MockWebServer platform = new MockWebServer();
  final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  final ConversationStore store = new InMemoryConversationStore();
  final Parley parley;
  final Outbox outbox;
  final HandoffDesk handoffs;
  final ConciergeDesk concierge;
  final AgentApi agents;
  final BotServer server;
  // One thread: the bot handles a conversation's events one at a time and in order, as its runtime does.
  private final ExecutorService webhookThreads = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private final WebhookSigner signer = WebhookSigner.withAppSecret(APP_SECRET);
  private final AtomicInteger ids = new AtomicInteger();

  InboxWorld(PaymentDesk payments) {
    platform.setDispatcher(new GraphApi());
    try {
      platform.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parley = Parley.builder()
        .graphApiBase(platform.url("/").toString())
        .messengerPage(PAGE_ID, "page-token-for-the-inbox-tests")
        .whatsAppNumber(PHONE_ID, "whatsapp-token-for-the-inbox-tests")
        .lastInboundTimes(store)
        // The platform here is a mock: WhatsApp's one-message-per-6-s pacing would only slow the tests.
        .rateLimits(RateLimits.none())
        .build();
    outbox = Outbox.builder(store.outbox(), parley::sendAsync).pollInterval(Duration.ofMillis(50)).build();
    AtomicLong changes = new AtomicLong();
    InMemoryTaskStore tasks = new InMemoryTaskStore();
    handoffs = HandoffDesk.builder(new InMemoryHandoffStore(), store, outbox)
        .payments(payments).tasks(tasks).onChange(changes::incrementAndGet).build();
    concierge = ConciergeDesk.builder(tasks, store, outbox).payments(payments).build();
    agents = AgentApi.builder(store, handoffs, concierge, parley).payments(payments).changeCounter(changes).build();
    FrontDeskBot bot = new FrontDeskBot(store, handoffs, parley);
    WebhookHandler webhook = WebhookHandler.builder()
        .appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).journal(store)
        .listener(bot::handle).executor(webhookThreads)
        .build();
    server = BotServer.builder()
        .host("127.0.0.1").port(0).threads(4).shutdownGrace(Duration.ofSeconds(1))
        .metaWebhook(webhook)
        .inboxApi(new AgentHttpApi(agents, AgentTokens.parse("alice:" + ALICE_TOKEN + ",bob:bob-9a8b7c6d5e4f3a2b")))
        .inboxPage(new InboxPage())
        .accessLog(line -> { })
        .build()
        .start();
    outbox.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  static Recipient messenger(String psid) {
    return new Recipient(Channel.MESSENGER, PAGE_ID, psid);
  }

  static Recipient whatsApp(String phone) {
    return new Recipient(Channel.WHATSAPP, PHONE_ID, phone);
  }

  /** The customer writes {@code text} on Messenger: a signed webhook reaches the server. */
  void messengerCustomerWrites(String psid, String text, String... imageUrls) {
    long now = System.currentTimeMillis();
    JsonObject message = new JsonObject();
    message.addProperty("mid", "m_in_" + ids.incrementAndGet());
    if (text != null) {
      message.addProperty("text", text);
    }
    if (imageUrls.length > 0) {
      JsonArray attachments = new JsonArray();
      for (String url : imageUrls) {
        JsonObject payload = new JsonObject();
        payload.addProperty("url", url);
        JsonObject attachment = new JsonObject();
        attachment.addProperty("type", "image");
        attachment.add("payload", payload);
        attachments.add(attachment);
      }
      message.add("attachments", attachments);
    }
    JsonObject event = new JsonObject();
    event.add("sender", id(psid));
    event.add("recipient", id(PAGE_ID));
    event.addProperty("timestamp", now);
    event.add("message", message);
    JsonArray messaging = new JsonArray();
    messaging.add(event);
    JsonObject entry = new JsonObject();
    entry.addProperty("id", PAGE_ID);
    entry.addProperty("time", now);
    entry.add("messaging", messaging);
    post("page", entry);
  }

  /** The customer {@code name} writes {@code text} on WhatsApp from {@code phone}. */
  void whatsAppCustomerWrites(String phone, String name, String text) {
    JsonObject profile = new JsonObject();
    profile.addProperty("name", name);
    JsonObject contact = new JsonObject();
    contact.add("profile", profile);
    contact.addProperty("wa_id", phone);
    JsonArray contacts = new JsonArray();
    contacts.add(contact);
    JsonObject body = new JsonObject();
    body.addProperty("body", text);
    JsonObject message = new JsonObject();
    message.addProperty("from", phone);
    message.addProperty("id", "wamid.in" + ids.incrementAndGet());
    message.addProperty("timestamp", Long.toString(Instant.now().getEpochSecond()));
    message.addProperty("type", "text");
    message.add("text", body);
    JsonArray messages = new JsonArray();
    messages.add(message);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("display_phone_number", "15550001111");
    metadata.addProperty("phone_number_id", PHONE_ID);
    JsonObject value = new JsonObject();
    value.addProperty("messaging_product", "whatsapp");
    value.add("metadata", metadata);
    value.add("contacts", contacts);
    value.add("messages", messages);
    JsonObject change = new JsonObject();
    change.addProperty("field", "messages");
    change.add("value", value);
    JsonArray changes = new JsonArray();
    changes.add(change);
    JsonObject entry = new JsonObject();
    entry.addProperty("id", "waba-1");
    entry.add("changes", changes);
    post("whatsapp_business_account", entry);
  }

  private void post(String object, JsonObject entry) {
    JsonArray entries = new JsonArray();
    entries.add(entry);
    JsonObject payload = new JsonObject();
    payload.addProperty("object", object);
    payload.add("entry", entries);
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(url("/webhooks/meta")))
        .header("Content-Type", "application/json")
        .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("the webhook answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static JsonObject id(String value) {
    JsonObject id = new JsonObject();
    id.addProperty("id", value);
    return id;
  }

  /** Waits (up to 10 s) for a message the platform received that matches, and returns it. */
  Optional<JsonObject> awaitDelivered(Predicate<JsonObject> matching) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<JsonObject> found = delivered.stream().filter(matching).findFirst();
      if (found.isPresent()) {
        return found;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  /** The text of a Messenger or WhatsApp send body, or "". */
  static String text(JsonObject body) {
    if (body.has("message") && body.getAsJsonObject("message").has("text")) {
      return body.getAsJsonObject("message").get("text").getAsString();
    }
    if (body.has("text") && body.get("text").isJsonObject()) {
      return body.getAsJsonObject("text").get("body").getAsString();
    }
    return "";
  }

  @Override
  public void close() {
    server.close();
    outbox.close();
    webhookThreads.shutdownNow();
    platform.close();
    store.close();
  }

  /** The Graph API's Send API: records each message and answers as Messenger or WhatsApp do. */
  private final class GraphApi extends Dispatcher {
    private final AtomicInteger sent = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (!"POST".equals(request.getMethod()) || !path.endsWith("/messages")) {
        return json(404, "{\"error\":{\"message\":\"Unknown path\",\"type\":\"OAuthException\",\"code\":803}}");
      }
      JsonObject body = JsonParser.parseString(request.getBody() == null ? "{}" : request.getBody().utf8())
          .getAsJsonObject();
      delivered.add(body);
      int n = sent.incrementAndGet();
      JsonObject answer = new JsonObject();
      if (path.contains(PHONE_ID)) {
        answer.addProperty("messaging_product", "whatsapp");
        JsonObject id = new JsonObject();
        id.addProperty("id", "wamid.out" + n);
        JsonArray messages = new JsonArray();
        messages.add(id);
        answer.add("messages", messages);
      } else {
        answer.addProperty("recipient_id", body.getAsJsonObject("recipient").get("id").getAsString());
        answer.addProperty("message_id", "m_out_" + n);
      }
      return json(200, answer.toString());
    }

    private MockResponse json(int code, String body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
  }
}
