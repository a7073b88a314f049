package dev.parley.core.internal.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.webhook.Attachment;
import dev.parley.core.webhook.DeliveryReceipt;
import dev.parley.core.webhook.EventEnvelope;
import dev.parley.core.webhook.Handover;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageEcho;
import dev.parley.core.webhook.MessageReceived;
import dev.parley.core.webhook.Postback;
import dev.parley.core.webhook.Reaction;
import dev.parley.core.webhook.ReadReceipt;
import dev.parley.core.webhook.Referral;
import dev.parley.core.webhook.ReferralDetails;
import dev.parley.core.webhook.UnknownEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * The Messenger parser as it was before the streaming one: the whole body read into a Gson tree (as
 * strictly as Gson reads), each event's raw JSON written again from the tree. Kept in test scope as
 * the reference the differential tests compare {@link PayloadParser} with; not used by Parley.
 */
final class TreeMessengerReference {

  private final TreeMessenger messenger;

  TreeMessengerReference(Clock clock) {
    this.messenger = new TreeMessenger(clock);
  }

  /** The events of a {@code page} payload; an empty list for another object (WhatsApp included); throws {@link MalformedPayloadException} as before. */
  List<InboundEvent> parse(String json) {
    JsonElement root;
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedPayloadException("the body has data after its JSON value", null);
      }
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw new MalformedPayloadException("the body is not valid JSON", e);
    }
    if (!(root instanceof JsonObject object)) {
      throw new MalformedPayloadException("the body is not a JSON object", null);
    }
    String kind = Json.text(object, "object");
    if (kind == null) {
      throw new MalformedPayloadException("the body has no 'object' field", null);
    }
    List<InboundEvent> events = new ArrayList<>();
    if (!"page".equals(kind)) {
      return events; // WhatsApp payloads are read by the same tree code as before; not compared here
    }
    for (JsonElement entry : Json.elements(object, "entry")) {
      if (entry instanceof JsonObject entryObject) {
        messenger.parseEntry(entryObject, events);
      }
    }
    return events;
  }

  static final class TreeMessenger {

    private static final Set<String> COMMON_FIELDS = Set.of("sender", "recipient", "timestamp");
    private static final List<String> LISTS = List.of("messaging", "standby");
    private static final Handover.Kind[] HANDOVER_KINDS = Handover.Kind.values();
    private static final List<String> HANDOVER_FIELDS =
        Arrays.stream(HANDOVER_KINDS).map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList();

    private final Clock clock;

    TreeMessenger(Clock clock) {
      this.clock = clock;
    }

    void parseEntry(JsonObject entry, List<InboundEvent> out) {
      String pageId = Json.text(entry, "id");
      Instant entryTime = Json.millis(entry, "time");
      Recipients recipients = new Recipients(Channel.MESSENGER);
      for (String list : LISTS) {
        boolean standby = list.equals("standby");
        List<JsonElement> items = Json.elements(entry, list);
        if (items.isEmpty()) {
          continue;
        }
        String rawPrefix = rawPrefix(entry, list);
        for (JsonElement element : items) {
          String itemJson = Json.toJson(element);
          String raw = rawPrefix + itemJson + "]}]}";
          InboundEvent event;
          try {
            if (!(element instanceof JsonObject item)) {
              throw new IllegalArgumentException("a " + list + " item is not a JSON object");
            }
            event = parseItem(pageId, entryTime, item, itemJson, standby, raw, recipients);
          } catch (RuntimeException e) {
            String sender = element instanceof JsonObject item ? Json.text(Json.object(item, "sender"), "id") : null;
            event = Fallbacks.unknown(Channel.MESSENGER, pageId, sender, time(null, entryTime), "unreadable",
                itemJson, standby, raw, e);
          }
          if (event != null) {
            out.add(event);
          }
        }
      }
    }

    /**
     * The start of every raw JSON of one list of an entry: the entry reduced to one item of {@code list}
     * reads {@code {"object":"page","entry":[{"id":..,"time":..,"messaging":[item]}]}}, the entry's
     * other members kept in their order. Written once per entry; each item then only appends its own
     * JSON and the closing brackets: the same text as the whole reduced payload written at once.
     */
    private static String rawPrefix(JsonObject entry, String list) {
      JsonObject members = new JsonObject();
      entry.entrySet().forEach(member -> {
        if (!member.getKey().equals("messaging") && !member.getKey().equals("standby")) {
          members.add(member.getKey(), member.getValue());
        }
      });
      String membersJson = Json.toJson(members);
      StringBuilder prefix = new StringBuilder(membersJson.length() + 48).append("{\"object\":\"page\",\"entry\":[")
          .append(membersJson, 0, membersJson.length() - 1);
      if (members.size() > 0) {
        prefix.append(',');
      }
      return prefix.append('"').append(list).append("\":[").toString();
    }

    private InboundEvent parseItem(
        String pageId, Instant entryTime, JsonObject item, String itemJson, boolean standby, String raw, Recipients recipients) {
      String sender = Json.text(Json.object(item, "sender"), "id");
      String recipient = Json.text(Json.object(item, "recipient"), "id");
      Instant itemTime = Json.millis(item, "timestamp");
      Instant at = time(itemTime, entryTime);
      // Without any timestamp `at` is the arrival time; a key built from it would change on every redelivery.
      String stamp = itemTime != null || entryTime != null ? Long.toString(at.toEpochMilli())
          : "h" + Json.hash(itemJson);
      JsonObject message = Json.object(item, "message");
      if (message != null && Json.isTrue(message, "is_echo")) {
        // An echo goes from the page to the customer: the customer is the recipient.
        Item echo = new Item(recipients.of(pageId != null ? pageId : sender, recipient), at, stamp, standby, raw, itemJson);
        String mid = Json.text(message, "mid");
        if (mid == null) {
          return unknown(echo, "message_echo");
        }
        return new MessageEcho(echo.envelope("mid:" + mid), mid, Json.text(message, "text"), Json.text(message, "app_id"),
            Json.text(message, "metadata"));
      }
      Item it = new Item(recipients.of(pageId != null ? pageId : recipient, sender), at, stamp, standby, raw, itemJson);
      if (message != null) {
        return message(it, message);
      }
      JsonObject postback = Json.object(item, "postback");
      if (postback != null) {
        String mid = Json.text(postback, "mid");
        String key = mid != null ? "mid:" + mid : "postback:" + sender + ":" + stamp;
        return new Postback(it.envelope(key), mid, Json.text(postback, "title"), Json.text(postback, "payload"),
            referral(Json.object(postback, "referral")));
      }
      JsonObject delivery = Json.object(item, "delivery");
      if (delivery != null) {
        Instant watermark = Json.millis(delivery, "watermark");
        if (watermark == null) {
          return unknown(it, "delivery");
        }
        return new DeliveryReceipt(it.envelope("delivery:" + sender + ":" + watermark.toEpochMilli()),
            Json.texts(delivery, "mids"), watermark);
      }
      JsonObject read = Json.object(item, "read");
      if (read != null) {
        Instant watermark = Json.millis(read, "watermark");
        if (watermark == null) {
          return unknown(it, "read");
        }
        return new ReadReceipt(it.envelope("read:" + sender + ":" + watermark.toEpochMilli()), watermark);
      }
      JsonObject reaction = Json.object(item, "reaction");
      if (reaction != null) {
        String mid = Json.text(reaction, "mid");
        Reaction.Action action = reactionAction(Json.text(reaction, "action"));
        String key = "reaction:" + sender + ":" + mid + ":" + action.name().toLowerCase(Locale.ROOT) + ":" + stamp;
        return new Reaction(it.envelope(key), mid, Json.text(reaction, "emoji"), action);
      }
      for (int k = 0; k < HANDOVER_KINDS.length; k++) {
        JsonObject handover = Json.object(item, HANDOVER_FIELDS.get(k));
        if (handover != null) {
          return handover(it, HANDOVER_KINDS[k], handover, sender);
        }
      }
      JsonObject referral = Json.object(item, "referral");
      if (referral != null) {
        return new Referral(it.envelope("referral:" + sender + ":" + stamp), referral(referral));
      }
      String kind = item.keySet().stream().filter(k -> !COMMON_FIELDS.contains(k)).findFirst().orElse("empty");
      return unknown(it, kind);
    }

    private static InboundEvent message(Item it, JsonObject message) {
      String mid = Json.text(message, "mid");
      if (mid == null) {
        return unknown(it, "message");
      }
      List<Attachment> attachments = new ArrayList<>();
      for (JsonElement element : Json.elements(message, "attachments")) {
        if (element instanceof JsonObject attachment) {
          String type = Json.text(attachment, "type");
          JsonObject payload = Json.object(attachment, "payload");
          attachments.add(new Attachment(type == null ? "unknown" : type, Json.text(payload, "url"), null, null,
              Json.text(attachment, "title"), null, Json.toJson(attachment)));
        }
      }
      return new MessageReceived(it.envelope("mid:" + mid), mid, Json.text(message, "text"), attachments,
          Json.text(Json.object(message, "quick_reply"), "payload"), Json.text(Json.object(message, "reply_to"), "mid"),
          referral(Json.object(message, "referral")));
    }

    private static Handover handover(Item it, Handover.Kind kind, JsonObject handover, String sender) {
      String newOwner = kind == Handover.Kind.REQUEST_THREAD_CONTROL
          ? Json.text(handover, "requested_owner_app_id")
          : Json.text(handover, "new_owner_app_id");
      String key = "handover:" + sender + ":" + HANDOVER_FIELDS.get(kind.ordinal()) + ":" + it.stamp;
      return new Handover(it.envelope(key), kind, Json.text(handover, "previous_owner_app_id"), newOwner,
          Json.text(handover, "metadata"));
    }

    private static ReferralDetails referral(JsonObject referral) {
      if (referral == null) {
        return null;
      }
      return new ReferralDetails(Json.text(referral, "ref"), Json.text(referral, "source"), Json.text(referral, "type"),
          Json.text(referral, "ad_id"), Json.text(referral, "referer_uri"));
    }

    private static Reaction.Action reactionAction(String action) {
      if ("react".equals(action)) {
        return Reaction.Action.REACT;
      }
      return "unreact".equals(action) ? Reaction.Action.UNREACT : Reaction.Action.UNKNOWN;
    }

    private static InboundEvent unknown(Item it, String kind) {
      return new UnknownEvent(it.envelope("raw:" + Json.hash(it.itemJson)), kind);
    }

    private Instant time(Instant itemTime, Instant entryTime) {
      if (itemTime != null) {
        return itemTime;
      }
      return entryTime != null ? entryTime : clock.instant();
    }

    /** What every event of one item shares. */
    private record Item(Recipient from, Instant at, String stamp, boolean standby, String raw, String itemJson) {
      EventEnvelope envelope(String key) {
        return new EventEnvelope(from, at, Json.boundedKey(key), standby, null, raw);
      }
    }
  }
}
