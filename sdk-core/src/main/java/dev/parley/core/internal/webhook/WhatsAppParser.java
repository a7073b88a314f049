package dev.parley.core.internal.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.webhook.ErrorNotice;
import dev.parley.core.webhook.EventEnvelope;
import dev.parley.core.webhook.InboundError;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.StatusUpdate;
import dev.parley.core.webhook.UnknownEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * WhatsApp {@code object: whatsapp_business_account} entries: every {@code changes[]} item; for
 * {@code field: messages}, every message, status and error of its {@code value} (Meta: whatsapp
 * webhooks reference, messages). Other fields (template status, quality updates) become unknown
 * events about the business.
 */
final class WhatsAppParser {

  private static final Set<String> ITEM_LISTS = Set.of("messages", "statuses", "errors", "contacts");

  private final Clock clock;
  private final WhatsAppMessages messages;

  WhatsAppParser(Clock clock) {
    this.clock = clock;
    this.messages = new WhatsAppMessages();
  }

  void parseEntry(JsonObject entry, List<InboundEvent> out) {
    String wabaId = Json.text(entry, "id");
    for (JsonElement element : Json.elements(entry, "changes")) {
      try {
        if (!(element instanceof JsonObject change)) {
          throw new IllegalArgumentException("a changes item is not a JSON object");
        }
        parseChange(entry, wabaId, change, out);
      } catch (RuntimeException e) {
        add(out, Fallbacks.unknown(Channel.WHATSAPP, wabaId, null, clock.instant(), "unreadable", element.toString(), false,
            reducedChange(entry, element), e));
      }
    }
  }

  private void parseChange(JsonObject entry, String wabaId, JsonObject change, List<InboundEvent> out) {
    String field = Json.text(change, "field");
    JsonObject value = Json.object(change, "value");
    String phoneNumberId = Json.text(Json.object(value, "metadata"), "phone_number_id");
    String business = phoneNumberId != null ? phoneNumberId : wabaId;
    boolean hasItems = value != null
        && (value.get("messages") != null || value.get("statuses") != null || value.get("errors") != null);
    if (!"messages".equals(field) || !hasItems) {
      Instant at = time(Json.seconds(value, "timestamp"));
      add(out, Fallbacks.unknown(Channel.WHATSAPP, business, null, at, field == null ? "unknown" : field, change.toString(),
          false, reducedChange(entry, change), null));
      return;
    }
    Map<String, JsonObject> contacts = new HashMap<>();
    for (JsonElement contact : Json.elements(value, "contacts")) {
      if (contact instanceof JsonObject c && Json.text(c, "wa_id") != null) {
        contacts.putIfAbsent(Json.text(c, "wa_id"), c);
      }
    }
    for (JsonElement element : Json.elements(value, "messages")) {
      String from = element instanceof JsonObject m ? Json.text(m, "from") : null;
      JsonObject contact = from == null ? null : contacts.get(from);
      String raw = reducedItem(entry, change, value, "messages", element, contact);
      try {
        JsonObject message = asObject(element, "messages");
        String name = Json.text(Json.object(contact, "profile"), "name");
        Item item = new Item(new Recipient(Channel.WHATSAPP, business, from), time(Json.seconds(message, "timestamp")), name, raw);
        out.add(messages.parse(item, message));
      } catch (RuntimeException e) {
        add(out, Fallbacks.unknown(Channel.WHATSAPP, business, from, clock.instant(), "unreadable", element.toString(), false, raw, e));
      }
    }
    for (JsonElement element : Json.elements(value, "statuses")) {
      String to = element instanceof JsonObject s ? Json.text(s, "recipient_id") : null;
      String raw = reducedItem(entry, change, value, "statuses", element, null);
      try {
        JsonObject status = asObject(element, "statuses");
        Item item = new Item(new Recipient(Channel.WHATSAPP, business, to), time(Json.seconds(status, "timestamp")), null, raw);
        out.add(status(item, status));
      } catch (RuntimeException e) {
        add(out, Fallbacks.unknown(Channel.WHATSAPP, business, to, clock.instant(), "unreadable", element.toString(), false, raw, e));
      }
    }
    if (value.get("errors") instanceof JsonArray errors && !errors.isEmpty()) {
      String raw = reducedItem(entry, change, value, "errors", null, null);
      Recipient self = Fallbacks.recipientOrBusiness(Channel.WHATSAPP, business, null);
      if (self != null) {
        EventEnvelope envelope =
            new EventEnvelope(self, time(Json.seconds(value, "timestamp")), "raw:" + Json.hash(errors.toString()), false, null, raw);
        out.add(new ErrorNotice(envelope, errors(value)));
      }
    }
  }

  private InboundEvent status(Item item, JsonObject status) {
    String id = Json.text(status, "id");
    String rawStatus = Json.text(status, "status");
    if (id == null || rawStatus == null) {
      return new UnknownEvent(item.envelope("raw:" + Json.hash(status.toString())), "status");
    }
    String lower = rawStatus.toLowerCase(Locale.ROOT);
    StatusUpdate.Status known = StatusUpdate.Status.UNKNOWN;
    for (StatusUpdate.Status candidate : StatusUpdate.Status.values()) {
      if (candidate != StatusUpdate.Status.UNKNOWN && candidate.name().toLowerCase(Locale.ROOT).equals(lower)) {
        known = candidate;
      }
    }
    return new StatusUpdate(item.envelope("status:" + id + ":" + lower), id, known, rawStatus, errors(status),
        Json.text(Json.object(status, "conversation"), "id"), Json.text(Json.object(status, "pricing"), "category"));
  }

  /** The {@code errors[]} of a status, message or value; items that are not objects are skipped. */
  static List<InboundError> errors(JsonObject holder) {
    return Json.elements(holder, "errors").stream()
        .filter(JsonObject.class::isInstance)
        .map(JsonObject.class::cast)
        .map(e -> new InboundError(Json.integer(e, "code"), Json.text(e, "title"), Json.text(e, "message"),
            Json.text(Json.object(e, "error_data"), "details")))
        .toList();
  }

  private static JsonObject asObject(JsonElement element, String list) {
    if (element instanceof JsonObject object) {
      return object;
    }
    throw new IllegalArgumentException("a " + list + " item is not a JSON object");
  }

  /**
   * The payload reduced to one item: the value keeps its metadata and the one contact matching the
   * item, so the item parses back alone. {@code item} null keeps the whole list.
   */
  private static String reducedItem(
      JsonObject entry, JsonObject change, JsonObject value, String list, JsonElement item, JsonObject contact) {
    JsonObject oneValue = new JsonObject();
    value.entrySet().forEach(member -> {
      if (!ITEM_LISTS.contains(member.getKey())) {
        oneValue.add(member.getKey(), member.getValue());
      }
    });
    if (contact != null) {
      oneValue.add("contacts", Json.arrayOf(contact));
    }
    oneValue.add(list, item == null ? value.get(list) : Json.arrayOf(item));
    JsonObject oneChange = new JsonObject();
    change.entrySet().forEach(member -> oneChange.add(member.getKey(), member.getValue()));
    oneChange.add("value", oneValue);
    return reducedChange(entry, oneChange);
  }

  private static String reducedChange(JsonObject entry, JsonElement change) {
    JsonObject oneEntry = new JsonObject();
    entry.entrySet().forEach(member -> {
      if (!member.getKey().equals("changes")) {
        oneEntry.add(member.getKey(), member.getValue());
      }
    });
    oneEntry.add("changes", Json.arrayOf(change));
    JsonObject payload = new JsonObject();
    payload.addProperty("object", "whatsapp_business_account");
    payload.add("entry", Json.arrayOf(oneEntry));
    return Json.toJson(payload);
  }

  private Instant time(Instant sent) {
    return sent != null ? sent : clock.instant();
  }

  private static void add(List<InboundEvent> out, InboundEvent event) {
    if (event != null) {
      out.add(event);
    }
  }

  /** What every event of one message or status shares. */
  record Item(Recipient from, Instant at, String customerName, String raw) {
    EventEnvelope envelope(String key) {
      return new EventEnvelope(from, at, Json.boundedKey(key), false, customerName, raw);
    }
  }
}
