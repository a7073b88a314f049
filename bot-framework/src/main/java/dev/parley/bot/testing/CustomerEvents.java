package dev.parley.bot.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Inbound events as a customer's actions produce them: the webhook payload Meta would send, parsed by
 * Parley's own webhook parser, so a test sees exactly what production sees. For tests that drive
 * {@link dev.parley.bot.Bot#handle} directly; {@link ConversationTester} uses them too. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * Recipient ada = Recipient.messenger("1000000001", "2000000001");
 * bot.handle(CustomerEvents.text(ada, "hello", "m_1", Instant.now())).join();
 * }</pre>
 */
public final class CustomerEvents {
  private CustomerEvents() {}

  /** The customer writes {@code text}; {@code messageId} is the platform's id (mid or wamid), unique per message. */
  public static InboundEvent text(Recipient from, String text, String messageId, Instant at) {
    Objects.requireNonNull(text, "text");
    if (from.channel() == Channel.MESSENGER) {
      JsonObject message = new JsonObject();
      message.addProperty("mid", messageId);
      message.addProperty("text", text);
      return messenger(from, at, "message", message);
    }
    JsonObject body = new JsonObject();
    body.addProperty("body", text);
    return whatsApp(from, at, messageId, "text", body);
  }

  /**
   * The customer taps a quick reply: on Messenger a message with the quick reply's payload; on
   * WhatsApp, where quick replies go out as reply buttons (up to 3) or a list, the matching reply.
   */
  public static InboundEvent quickReply(Recipient from, String title, String payload, boolean shownAsList,
      String messageId, Instant at) {
    if (from.channel() == Channel.MESSENGER) {
      JsonObject message = new JsonObject();
      message.addProperty("mid", messageId);
      message.addProperty("text", title);
      JsonObject quickReply = new JsonObject();
      quickReply.addProperty("payload", payload);
      message.add("quick_reply", quickReply);
      return messenger(from, at, "message", message);
    }
    return interactive(from, shownAsList ? "list_reply" : "button_reply", payload, title, messageId, at);
  }

  /** The customer taps a postback button (Messenger) or a reply button (WhatsApp). */
  public static InboundEvent buttonTap(Recipient from, String title, String payload, String messageId, Instant at) {
    if (from.channel() == Channel.MESSENGER) {
      JsonObject postback = new JsonObject();
      postback.addProperty("mid", messageId);
      postback.addProperty("title", title);
      postback.addProperty("payload", payload);
      return messenger(from, at, "postback", postback);
    }
    return interactive(from, "button_reply", payload, title, messageId, at);
  }

  /**
   * A Messenger customer sends a file: {@code type} is {@code image}, {@code audio}, {@code video} or
   * {@code file}, at the {@code url} where Messenger serves it.
   */
  public static InboundEvent messengerAttachment(Recipient from, String type, String url, String messageId,
      Instant at) {
    if (from.channel() != Channel.MESSENGER) {
      throw new IllegalArgumentException("messengerAttachment needs a Messenger customer, not " + from.key());
    }
    JsonObject payload = new JsonObject();
    payload.addProperty("url", Objects.requireNonNull(url, "url"));
    JsonObject attachment = new JsonObject();
    attachment.addProperty("type", Objects.requireNonNull(type, "type"));
    attachment.add("payload", payload);
    JsonArray attachments = new JsonArray();
    attachments.add(attachment);
    JsonObject message = new JsonObject();
    message.addProperty("mid", messageId);
    message.add("attachments", attachments);
    return messenger(from, at, "message", message);
  }

  /**
   * A WhatsApp customer sends a file: {@code type} is {@code image}, {@code document}, {@code audio},
   * {@code video} or {@code sticker}; {@code mediaId} is what {@code Parley.mediaDownloads()} fetches,
   * with the file's MIME type and SHA-256 (hex) as the platform reports them; {@code caption} and
   * {@code fileName} as the customer gave them, null for none.
   */
  public static InboundEvent whatsAppMedia(Recipient from, String type, String mediaId, String mimeType, String sha256,
      String caption, String fileName, String messageId, Instant at) {
    if (from.channel() != Channel.WHATSAPP) {
      throw new IllegalArgumentException("whatsAppMedia needs a WhatsApp customer, not " + from.key());
    }
    JsonObject media = new JsonObject();
    media.addProperty("id", Objects.requireNonNull(mediaId, "mediaId"));
    media.addProperty("mime_type", Objects.requireNonNull(mimeType, "mimeType"));
    media.addProperty("sha256", Objects.requireNonNull(sha256, "sha256"));
    if (caption != null) {
      media.addProperty("caption", caption);
    }
    if (fileName != null) {
      media.addProperty("filename", fileName);
    }
    return whatsApp(from, at, messageId, Objects.requireNonNull(type, "type"), media);
  }

  private static InboundEvent interactive(Recipient from, String type, String id, String title, String messageId,
      Instant at) {
    JsonObject reply = new JsonObject();
    reply.addProperty("id", id);
    reply.addProperty("title", title);
    JsonObject interactive = new JsonObject();
    interactive.addProperty("type", type);
    interactive.add(type, reply);
    return whatsApp(from, at, messageId, "interactive", interactive);
  }

  private static InboundEvent messenger(Recipient from, Instant at, String field, JsonObject content) {
    JsonObject sender = new JsonObject();
    sender.addProperty("id", from.userId());
    JsonObject recipient = new JsonObject();
    recipient.addProperty("id", from.businessId());
    JsonObject item = new JsonObject();
    item.add("sender", sender);
    item.add("recipient", recipient);
    item.addProperty("timestamp", at.toEpochMilli());
    item.add(field, content);
    JsonArray messaging = new JsonArray();
    messaging.add(item);
    JsonObject entry = new JsonObject();
    entry.addProperty("id", from.businessId());
    entry.addProperty("time", at.toEpochMilli());
    entry.add("messaging", messaging);
    return single(payload("page", entry));
  }

  private static InboundEvent whatsApp(Recipient from, Instant at, String messageId, String type, JsonObject content) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty("display_phone_number", "15550000000");
    metadata.addProperty("phone_number_id", from.businessId());
    JsonObject message = new JsonObject();
    message.addProperty("from", from.userId());
    message.addProperty("id", messageId);
    message.addProperty("timestamp", Long.toString(at.getEpochSecond()));
    message.addProperty("type", type);
    message.add(type, content);
    JsonArray messages = new JsonArray();
    messages.add(message);
    JsonObject contact = new JsonObject();
    contact.addProperty("wa_id", from.userId());
    JsonArray contacts = new JsonArray();
    contacts.add(contact);
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
    entry.addProperty("id", "100000000000000");
    entry.add("changes", changes);
    return single(payload("whatsapp_business_account", entry));
  }

  private static String payload(String object, JsonObject entry) {
    JsonArray entries = new JsonArray();
    entries.add(entry);
    JsonObject payload = new JsonObject();
    payload.addProperty("object", object);
    payload.add("entry", entries);
    return payload.toString();
  }

  private static InboundEvent single(String payload) {
    List<InboundEvent> events = InboundEvent.parse(payload);
    if (events.size() != 1) {
      throw new IllegalStateException("expected one event from " + payload + ", parsed " + events);
    }
    return events.get(0);
  }
}
