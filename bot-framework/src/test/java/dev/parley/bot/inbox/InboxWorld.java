package dev.parley.bot.inbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.bot.Bot;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffMiddleware;
import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * One running inbox, wired exactly as a support team runs it: {@link BotService} from the
 * environment variables of the runtime contract (H2 in memory, Messenger and WhatsApp, agent
 * tokens), a real {@link Bot} connected to the handoff desk by {@link HandoffMiddleware}, payments
 * from sdk-payments over a Stripe stand-in ({@link StripeSandbox}), and this module's {@link
 * InboxPage}. A MockWebServer stands in for the Graph API and records every message that reached
 * "the platform".
 */
final class InboxWorld implements AutoCloseable {
  static final String APP_SECRET = "inbox-world-app-secret-5e7c2a";
  static final String ALICE_TOKEN = "alice-7f3b9c1d2e4a5b6c";
  static final String PAGE_ID = "1029384756";
  static final String PHONE_ID = "106540352242922";
  static final String GREETING = "Hello! I can track your orders and take requests. Ask for a person at any time.";

  final MockWebServer platform = new MockWebServer();
  final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  final BotService service;
  final ConversationStore store;
  final HandoffDesk handoffs;
  private final HttpClient http = HttpClient.newHttpClient();
  private final WebhookSigner signer = WebhookSigner.withAppSecret(APP_SECRET);
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, StoredFile> media = new ConcurrentHashMap<>();

  private record StoredFile(String mimeType, byte[] content) {}

  InboxWorld(StripeSandbox stripe) {
    platform.setDispatcher(new GraphApi());
    try {
      platform.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerConfig config = ServerConfig.fromEnvironment(Map.of(
        "PARLEY_PORT", "0",
        "PARLEY_DB_URL", "jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "PARLEY_GRAPH_API_BASE", platform.url("/").toString(),
        "PARLEY_APP_SECRET", APP_SECRET,
        "PARLEY_VERIFY_TOKEN", "inbox-world-verify",
        "PARLEY_MESSENGER_PAGE_ID", PAGE_ID,
        "PARLEY_MESSENGER_PAGE_TOKEN", "page-token-for-the-inbox-tests",
        "PARLEY_WHATSAPP_PHONE_NUMBER_ID", PHONE_ID,
        "PARLEY_WHATSAPP_TOKEN", "whatsapp-token-for-the-inbox-tests",
        "PARLEY_AGENT_TOKENS", "alice:" + ALICE_TOKEN + ",bob:bob-9a8b7c6d5e4f3a2b"));
    service = BotService.builder(config)
        .bot(desk -> {
          HandoffMiddleware handoff = HandoffMiddleware.of(desk.handoffs()).concierge(desk.concierge());
          return Bot.builder().store(desk.store()).outbox(desk.outbox())
              .handoffOwner(HandoffDesk.QUEUE_OWNER)
              .use(handoff)
              .fallback(turn -> turn.reply(GREETING))
              .build();
        })
        .payments(desk -> stripe.desk(), desk -> stripe.webhook())
        .inboxPage(new InboxPage())
        .outboxPollInterval(Duration.ofMillis(50))
        .accessLog(line -> { })
        .build()
        .start();
    store = service.desk().store();
    handoffs = service.desk().handoffs();
  }

  String url(String path) {
    return "http://127.0.0.1:" + service.port() + path;
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
    JsonObject body = new JsonObject();
    body.addProperty("body", text);
    whatsAppCustomerSends(phone, name, "text", body);
  }

  /**
   * The customer sends a file on WhatsApp: the webhook carries only media {@code mediaId}, and the
   * platform keeps {@code content} for it, served by the media lookup and a signed download URL.
   */
  void whatsAppCustomerSendsFile(String phone, String name, String type, String mediaId, String mimeType,
      byte[] content, String fileName) {
    media.put(mediaId, new StoredFile(mimeType, content.clone()));
    JsonObject file = new JsonObject();
    file.addProperty("id", mediaId);
    file.addProperty("mime_type", mimeType);
    file.addProperty("sha256", sha256(content));
    if (fileName != null) {
      file.addProperty("filename", fileName);
    }
    whatsAppCustomerSends(phone, name, type, file);
  }

  private void whatsAppCustomerSends(String phone, String name, String type, JsonObject content) {
    JsonObject profile = new JsonObject();
    profile.addProperty("name", name);
    JsonObject contact = new JsonObject();
    contact.add("profile", profile);
    contact.addProperty("wa_id", phone);
    JsonArray contacts = new JsonArray();
    contacts.add(contact);
    JsonObject message = new JsonObject();
    message.addProperty("from", phone);
    message.addProperty("id", "wamid.in" + ids.incrementAndGet());
    message.addProperty("timestamp", Long.toString(Instant.now().getEpochSecond()));
    message.addProperty("type", type);
    message.add(type, content);
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

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    service.close();
    platform.close();
  }

  /**
   * The Graph API's Send API, which records each message and answers as Messenger or WhatsApp do; and
   * WhatsApp's media lookup with its signed download URL, both asking for the number's token.
   */
  private final class GraphApi extends Dispatcher {
    private final AtomicInteger sent = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if ("GET".equals(request.getMethod())) {
        return media(request, path);
      }
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

    private MockResponse media(RecordedRequest request, String path) {
      if (!"Bearer whatsapp-token-for-the-inbox-tests".equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\","
            + "\"code\":190}}");
      }
      boolean download = path.startsWith("/download/");
      String mediaId = path.substring(path.lastIndexOf('/') + 1);
      StoredFile file = media.get(mediaId);
      if (file == null) {
        return json(400, "{\"error\":{\"message\":\"Unsupported get request. Object with ID '" + mediaId
            + "' does not exist\",\"type\":\"GraphMethodException\",\"code\":100,\"error_subcode\":33}}");
      }
      if (download) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", file.mimeType())
            .body(new Buffer().write(file.content())).build();
      }
      JsonObject info = new JsonObject();
      info.addProperty("messaging_product", "whatsapp");
      info.addProperty("url", platform.url("/download/" + mediaId + "?ext=1767225600&hash=signed").toString());
      info.addProperty("mime_type", file.mimeType());
      info.addProperty("sha256", sha256(file.content()));
      info.addProperty("file_size", Integer.toString(file.content().length));
      info.addProperty("id", mediaId);
      return json(200, info.toString());
    }

    private MockResponse json(int code, String body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
  }
}
