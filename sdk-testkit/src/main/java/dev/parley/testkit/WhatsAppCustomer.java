package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A customer of a WhatsApp business number, played by the sandbox: their messages and taps reach the
 * merchant's webhook as {@code whatsapp_business_account} changes with their contact profile, signed
 * with the app secret; delivery and read receipts arrive as {@code statuses}. Writing opens the 24-hour
 * customer service window.
 *
 * <pre>{@code
 * WhatsAppCustomer bob = sandbox.whatsAppCustomer("2002", "33612345678", "Bob Martin");
 * bob.sendText("Hi, where is order 1042?");
 * bob.awaitMessages(1, Duration.ofSeconds(5));
 * bob.tapButton("Track parcel");
 * bob.readAll();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WhatsAppCustomer {
  private final CustomerActions actions;
  private final CustomerState state;
  private final GraphState.WhatsAppNumber number;
  private final MediaLibrary media;

  WhatsAppCustomer(CustomerState state, GraphState graph, GraphState.WhatsAppNumber number, MetaWebhooks webhooks,
      SandboxClock clock) {
    this.actions = new CustomerActions(state, graph, webhooks, clock);
    this.state = state;
    this.number = number;
    this.media = graph.media();
  }

  public String phoneNumberId() {
    return state.businessId;
  }

  /** The customer's WhatsApp id: their phone number, digits only. */
  public String waId() {
    return state.userId;
  }

  /** The profile name sent in webhook {@code contacts}. */
  public String name() {
    return state.name;
  }

  /** Writes a text message. The delivery's {@code eventId} is its {@code wamid}. */
  public WebhookDelivery sendText(String text) {
    JsonObject body = new JsonObject();
    body.addProperty("body", CustomerActions.requireText("text", text));
    JsonObject message = message("text", null);
    message.add("text", body);
    return send("whatsapp.message", message);
  }

  /**
   * Sends a photo ({@code image/jpeg} or {@code image/png}) with an optional caption. As on WhatsApp, the
   * webhook carries only a media id, the MIME type and the SHA-256; the merchant's code fetches the
   * bytes by id ({@code GET /{media-id}}, then the URL it answers, both with the number's token).
   */
  public WebhookDelivery sendImage(byte[] content, String mimeType, String caption) {
    if (!"image/jpeg".equals(mimeType) && !"image/png".equals(mimeType)) {
      throw new IllegalArgumentException("mimeType " + mimeType + " must be image/jpeg or image/png");
    }
    return sendMedia("image", content, mimeType, caption, null);
  }

  /** Sends a document (a PDF, a text file, an Office file) under {@code filename}, with an optional caption. */
  public WebhookDelivery sendDocument(byte[] content, String mimeType, String filename, String caption) {
    if (!MediaUploadApi.WHATSAPP_TYPES.containsKey(String.valueOf(mimeType))
        || !MediaUploadApi.WHATSAPP_TYPES.get(mimeType).kind().equals("document")) {
      throw new IllegalArgumentException("mimeType " + mimeType + " is not a document type WhatsApp takes, such as "
          + "application/pdf");
    }
    if (filename == null || filename.isBlank()) {
      throw new IllegalArgumentException("filename must not be blank");
    }
    return sendMedia("document", content, mimeType, caption, filename);
  }

  /**
   * Taps the button with this title in the newest message that offered one: an interactive reply button
   * ({@code interactive.button_reply}) or a template quick-reply button ({@code type:"button"}).
   *
   * @throws AssertionError when no message to this customer offered it (for URL buttons use {@link #buttonUrl})
   */
  public WebhookDelivery tapButton(String title) {
    CustomerState.OfferedChoice choice = actions.offered(title, List.of("reply", "template_quick_reply"), "button");
    if (choice.kind().equals("template_quick_reply")) {
      JsonObject button = new JsonObject();
      button.addProperty("payload", choice.value());
      button.addProperty("text", choice.title());
      JsonObject message = message("button", choice.messageId());
      message.add("button", button);
      return send("whatsapp.button", message);
    }
    return reply("button_reply", choice.value(), choice.title(), null, choice.messageId());
  }

  /** Sends a reply-button tap with any id and title. */
  public WebhookDelivery sendButtonReply(String id, String title) {
    return reply("button_reply", CustomerActions.requireText("id", id), CustomerActions.requireText("title", title),
        null, null);
  }

  /**
   * Chooses the list row with this title in the newest list that offered one ({@code interactive.list_reply}).
   *
   * @throws AssertionError when no list sent to this customer had such a row
   */
  public WebhookDelivery chooseListRow(String title) {
    CustomerState.OfferedChoice choice = actions.offered(title, List.of("list_row"), "list row");
    return reply("list_reply", choice.value(), choice.title(), choice.description(), choice.messageId());
  }

  /** Sends a list-row choice with any id, title and description (may be null). */
  public WebhookDelivery sendListReply(String id, String title, String description) {
    return reply("list_reply", CustomerActions.requireText("id", id), CustomerActions.requireText("title", title),
        description, null);
  }

  /** The URL behind the newest CTA URL button or template URL button with this title (suffix filled in). */
  public String buttonUrl(String title) {
    return actions.offered(title, List.of("cta_url", "template_url"), "URL button").value();
  }

  /** A {@code delivered} status for each message not yet confirmed; one webhook per message, as Meta sends them. */
  public List<WebhookDelivery> confirmDelivery() {
    return actions.webhooks.whatsAppStatuses(number, actions.takeUndelivered(false), "delivered");
  }

  /** A {@code read} status for each message not yet read. */
  public List<WebhookDelivery> readAll() {
    return actions.webhooks.whatsAppStatuses(number, actions.takeUndelivered(true), "read");
  }

  /** Every message the merchant sent this customer that the sandbox accepted, in order. */
  public List<SentMessage> receivedMessages() {
    return actions.received();
  }

  /**
   * The first {@code count} messages this customer received, waiting up to {@code timeout} for them.
   *
   * @throws AssertionError when fewer arrive in time
   */
  public List<SentMessage> awaitMessages(int count, Duration timeout) {
    return actions.awaitReceived(count, timeout);
  }

  /** False makes sends to this customer fail with 131026 "Message undeliverable". */
  public void setAvailable(boolean available) {
    actions.setAvailable(available);
  }

  /** When the customer last wrote (the start of the window), or null if never. */
  public Instant lastMessageAt() {
    return actions.lastMessageAt();
  }

  private WebhookDelivery reply(String replyType, String id, String title, String description, String contextId) {
    JsonObject reply = new JsonObject();
    reply.addProperty("id", id);
    reply.addProperty("title", title);
    if (description != null) {
      reply.addProperty("description", description);
    }
    JsonObject interactive = new JsonObject();
    interactive.addProperty("type", replyType);
    interactive.add(replyType, reply);
    JsonObject message = message("interactive", contextId);
    message.add("interactive", interactive);
    return send("whatsapp." + replyType, message);
  }

  private WebhookDelivery sendMedia(String type, byte[] content, String mimeType, String caption, String filename) {
    if (content == null || content.length == 0) {
      throw new IllegalArgumentException("content must not be empty");
    }
    long maxBytes = MediaUploadApi.WHATSAPP_TYPES.get(mimeType).maxBytes();
    if (content.length > maxBytes) {
      throw new IllegalArgumentException("content has " + content.length + " bytes; WhatsApp takes " + maxBytes
          + " for " + mimeType);
    }
    UploadedFile file = new UploadedFile(SentMessage.Platform.WHATSAPP, number.phoneNumberId(), MediaUploadApi.newId(),
        type, mimeType, filename, content.length, true, actions.clock.now(), content);
    media.addReceived(file);
    JsonObject object = new JsonObject();
    if (caption != null) {
      object.addProperty("caption", CustomerActions.requireText("caption", caption));
    }
    if (filename != null) {
      object.addProperty("filename", filename);
    }
    object.addProperty("mime_type", mimeType);
    object.addProperty("sha256", MediaDownloadApi.sha256Hex(content));
    object.addProperty("id", file.id());
    JsonObject message = message(type, null);
    message.add(type, object);
    return send("whatsapp." + type, message);
  }

  /** {@code {from, id, timestamp, type, context?}}; the timestamp is filled in when sent. */
  private JsonObject message(String type, String contextId) {
    JsonObject message = new JsonObject();
    if (contextId != null) {
      JsonObject context = new JsonObject();
      context.addProperty("from", number.displayPhoneNumber().replace("+", ""));
      context.addProperty("id", contextId);
      message.add("context", context);
    }
    message.addProperty("from", state.userId);
    message.addProperty("id", Ids.wamid());
    message.addProperty("type", type);
    return message;
  }

  private WebhookDelivery send(String kind, JsonObject message) {
    String wamid = message.get("id").getAsString();
    Instant now = actions.wrote(wamid);
    message.addProperty("timestamp", String.valueOf(now.getEpochSecond()));
    JsonObject profile = new JsonObject();
    profile.addProperty("name", state.name);
    JsonObject contact = new JsonObject();
    contact.add("profile", profile);
    contact.addProperty("wa_id", state.userId);
    JsonArray contacts = new JsonArray();
    contacts.add(contact);
    JsonArray messages = new JsonArray();
    messages.add(message);
    JsonObject content = new JsonObject();
    content.add("contacts", contacts);
    content.add("messages", messages);
    return actions.webhooks.whatsApp(kind, wamid, number, content);
  }

  @Override
  public String toString() {
    return "WhatsAppCustomer{number=" + state.businessId + ", waId=" + state.userId + "}";
  }
}
