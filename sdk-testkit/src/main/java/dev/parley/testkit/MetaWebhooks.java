package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the webhooks Meta sends (Messenger {@code object:"page"} and WhatsApp
 * {@code object:"whatsapp_business_account"}), serializes them the way Meta does (escaped unicode),
 * signs them with the app secret ({@code X-Hub-Signature-256}) and hands them to the dispatcher.
 * Shapes: platforms.md 1.6 and 2.4. Thread-safe.
 */
final class MetaWebhooks {
  private final SandboxClock clock;
  private final WebhookDispatcher dispatcher;
  private final Supplier<URI> target;
  private final String appSecret;

  MetaWebhooks(SandboxClock clock, WebhookDispatcher dispatcher, Supplier<URI> target, String appSecret) {
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.target = target;
    this.appSecret = appSecret;
  }

  /** A Messenger event {@code {sender, recipient, timestamp?, ...}} for a customer of a page. */
  static JsonObject messengerEvent(String pageId, String psid, Long timestamp) {
    JsonObject event = new JsonObject();
    event.add("sender", idObject(psid));
    event.add("recipient", idObject(pageId));
    if (timestamp != null) {
      event.addProperty("timestamp", timestamp);
    }
    return event;
  }

  /**
   * Sends one Messenger event. Events of a thread another app owns go in {@code standby[]} instead of
   * {@code messaging[]}, as the Handover Protocol does.
   */
  WebhookDelivery messenger(String kind, String eventId, String pageId, JsonObject event, boolean standby) {
    JsonObject entry = new JsonObject();
    entry.addProperty("id", pageId);
    entry.addProperty("time", clock.now().toEpochMilli());
    JsonArray events = new JsonArray();
    events.add(event);
    entry.add(standby ? "standby" : "messaging", events);
    return send(kind, eventId, envelope("page", entry));
  }

  /** Sends one WhatsApp {@code messages} change whose value holds {@code contacts}/{@code messages} or {@code statuses}. */
  WebhookDelivery whatsApp(String kind, String eventId, GraphState.WhatsAppNumber number, JsonObject valueContent) {
    JsonObject value = new JsonObject();
    value.addProperty("messaging_product", "whatsapp");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("display_phone_number", number.displayPhoneNumber());
    metadata.addProperty("phone_number_id", number.phoneNumberId());
    value.add("metadata", metadata);
    valueContent.entrySet().forEach(e -> value.add(e.getKey(), e.getValue()));
    JsonObject change = new JsonObject();
    change.add("value", value);
    change.addProperty("field", "messages");
    JsonArray changes = new JsonArray();
    changes.add(change);
    JsonObject entry = new JsonObject();
    entry.addProperty("id", number.wabaId());
    entry.add("changes", changes);
    return send(kind, eventId, envelope("whatsapp_business_account", entry));
  }

  /** WhatsApp statuses: one webhook per message, as Meta sends them. */
  List<WebhookDelivery> whatsAppStatuses(GraphState.WhatsAppNumber number, List<SentMessage> messages, String status) {
    return messages.stream().map(m -> {
      JsonObject s = new JsonObject();
      s.addProperty("id", m.messageId());
      s.addProperty("status", status);
      s.addProperty("timestamp", String.valueOf(clock.now().getEpochSecond()));
      s.addProperty("recipient_id", m.recipientId());
      JsonObject conversation = new JsonObject();
      conversation.addProperty("id", "CONVERSATION_" + m.recipientId());
      JsonObject origin = new JsonObject();
      origin.addProperty("type", "template".equals(m.kind()) ? "utility" : "service");
      conversation.add("origin", origin);
      s.add("conversation", conversation);
      JsonObject pricing = new JsonObject();
      pricing.addProperty("billable", "template".equals(m.kind()));
      pricing.addProperty("pricing_model", "PMP");
      pricing.addProperty("category", "template".equals(m.kind()) ? "utility" : "service");
      s.add("pricing", pricing);
      JsonArray statuses = new JsonArray();
      statuses.add(s);
      JsonObject content = new JsonObject();
      content.add("statuses", statuses);
      return whatsApp("whatsapp.status." + status, m.messageId(), number, content);
    }).toList();
  }

  private WebhookDelivery send(String kind, String eventId, JsonObject payload) {
    byte[] body = JsonText.metaEscaped(payload);
    return dispatcher.deliver(new WebhookDispatcher.Outgoing(kind, eventId, target.get(), body,
        "X-Hub-Signature-256", Hmac.metaSignature(appSecret, body), "facebookexternalua"));
  }

  private static JsonObject envelope(String object, JsonObject entry) {
    JsonObject payload = new JsonObject();
    payload.addProperty("object", object);
    JsonArray entries = new JsonArray();
    entries.add(entry);
    payload.add("entry", entries);
    return payload;
  }

  static JsonObject idObject(String id) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    return o;
  }
}
