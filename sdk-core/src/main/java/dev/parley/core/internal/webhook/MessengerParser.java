package dev.parley.core.internal.webhook;

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
import java.util.List;
import java.util.Locale;

/**
 * Messenger {@code object: page} entries, read straight from the body's text: every item of
 * {@code messaging[]} and {@code standby[]} (Meta's webhook-events reference: messages,
 * message_echoes, messaging_postbacks, message_deliveries, message_reads, message_reactions,
 * messaging_handovers, messaging_referrals).
 *
 * <p>Each event's raw JSON is cut from the body, not written again: {@code {"object":"page","entry":[{}
 * then the entry's other members (all but {@code messaging} and {@code standby}) as received, in
 * their order, joined by commas, then {@code "messaging":[} (or {@code "standby":[}), the item's text
 * exactly as received, and {@code ]}]}}. Parsing that text again gives the same members, the same
 * item text and so the same raw JSON.
 */
final class MessengerParser {

  private static final Handover.Kind[] HANDOVER_KINDS = Handover.Kind.values();
  private static final String RAW_START = "{\"object\":\"page\",\"entry\":[{";
  private static final String RAW_END = "]}]}";
  private static final JsonNames ENTRY_MEMBERS = new JsonNames("messaging", "standby", "id", "time");
  private static final int MESSAGING = 0;
  private static final int STANDBY = 1;
  private static final int ID = 2;
  private static final int TIME = 3;

  private final Clock clock;

  MessengerParser(Clock clock) {
    this.clock = clock;
  }

  /** The events of the entries, and how many entries were skipped for not being objects. */
  record Entries(List<InboundEvent> events, int skipped) {}

  /** Reads the {@code entry} value ahead of {@code in}: no events unless it is an array. */
  Entries readEntries(JsonScanner in) {
    List<InboundEvent> events = new ArrayList<>();
    int skipped = 0;
    if (!in.atArray()) {
      in.skipValue();
      return new Entries(events, 0);
    }
    if (in.beginArray()) {
      do {
        if (in.atObject()) {
          readEntry(in, events);
        } else {
          in.skipValue();
          skipped++;
        }
      } while (in.nextElement());
    }
    return new Entries(events, skipped);
  }

  private void readEntry(JsonScanner in, List<InboundEvent> out) {
    String pageId = null;
    Long time = null;
    List<MessengerItem> messaging = List.of();
    List<MessengerItem> standby = List.of();
    StringBuilder members = null;
    String text = in.text();
    if (in.beginObject()) {
      do {
        int memberStart = in.position();
        int member = in.name(ENTRY_MEMBERS);
        if (member == MESSAGING) {
          messaging = items(in);
        } else if (member == STANDBY) {
          standby = items(in);
        } else {
          if (member == ID) {
            pageId = in.textValue();
          } else if (member == TIME) {
            time = in.wholeValue();
          } else {
            in.skipValue();
          }
          if (members == null) {
            members = new StringBuilder(RAW_START.length() + 64).append(RAW_START);
          } else {
            members.append(',');
          }
          members.append(text, memberStart, in.position());
        }
      } while (in.nextMember());
    }
    if (messaging.isEmpty() && standby.isEmpty()) {
      return;
    }
    Instant entryTime = time == null ? null : Instant.ofEpochMilli(time);
    Recipients recipients = new Recipients(Channel.MESSENGER);
    String start = members == null ? RAW_START : members.append(',').toString();
    addEvents(messaging, start + "\"messaging\":[", false, pageId, entryTime, recipients, out);
    addEvents(standby, start + "\"standby\":[", true, pageId, entryTime, recipients, out);
  }

  /** The items of the list ahead: none unless it is an array. */
  private static List<MessengerItem> items(JsonScanner in) {
    if (!in.atArray()) {
      in.skipValue();
      return List.of();
    }
    List<MessengerItem> items = new ArrayList<>();
    if (in.beginArray()) {
      do {
        items.add(MessengerItem.read(in));
      } while (in.nextElement());
    }
    return items;
  }

  private void addEvents(List<MessengerItem> items, String rawPrefix, boolean standby, String pageId, Instant entryTime,
      Recipients recipients, List<InboundEvent> out) {
    for (MessengerItem item : items) {
      String raw = rawPrefix + item.json() + RAW_END;
      InboundEvent event;
      try {
        if (!item.object) {
          throw new IllegalArgumentException("a " + (standby ? "standby" : "messaging") + " item is not a JSON object");
        }
        event = event(item, pageId, entryTime, standby, raw, recipients);
      } catch (RuntimeException e) {
        event = Fallbacks.unknown(Channel.MESSENGER, pageId, item.senderId, time(null, entryTime), "unreadable",
            item.canonicalJson(), standby, raw, e);
      }
      if (event != null) {
        out.add(event);
      }
    }
  }

  private InboundEvent event(
      MessengerItem item, String pageId, Instant entryTime, boolean standby, String raw, Recipients recipients) {
    String sender = item.senderId;
    String recipient = item.recipientId;
    Instant itemTime = item.timestamp == null ? null : Instant.ofEpochMilli(item.timestamp);
    Instant at = time(itemTime, entryTime);
    boolean timed = itemTime != null || entryTime != null;
    MessengerItem.Message message = item.message;
    if (message != null && message.echo) {
      // An echo goes from the page to the customer: the customer is the recipient.
      Item echo = new Item(recipients.of(pageId != null ? pageId : sender, recipient), at, timed, standby, raw, item);
      if (message.mid == null) {
        return unknown(echo, "message_echo");
      }
      return new MessageEcho(echo.envelope("mid:" + message.mid), message.mid, message.text, message.appId,
          message.metadata);
    }
    Item it = new Item(recipients.of(pageId != null ? pageId : recipient, sender), at, timed, standby, raw, item);
    if (message != null) {
      return message(it, message);
    }
    MessengerItem.Postback postback = item.postback;
    if (postback != null) {
      String key = postback.mid() != null ? "mid:" + postback.mid() : "postback:" + sender + ":" + it.stamp();
      return new Postback(it.envelope(key), postback.mid(), postback.title(), postback.payload(),
          referral(postback.referral()));
    }
    MessengerItem.Watermark delivery = item.delivery;
    if (delivery != null) {
      Instant watermark = delivery.watermark() == null ? null : Instant.ofEpochMilli(delivery.watermark());
      if (watermark == null) {
        return unknown(it, "delivery");
      }
      return new DeliveryReceipt(it.envelope("delivery:" + sender + ":" + watermark.toEpochMilli()), delivery.mids(),
          watermark);
    }
    MessengerItem.Watermark read = item.read;
    if (read != null) {
      Instant watermark = read.watermark() == null ? null : Instant.ofEpochMilli(read.watermark());
      if (watermark == null) {
        return unknown(it, "read");
      }
      return new ReadReceipt(it.envelope("read:" + sender + ":" + watermark.toEpochMilli()), watermark);
    }
    MessengerItem.Reaction reaction = item.reaction;
    if (reaction != null) {
      Reaction.Action action = reactionAction(reaction.action());
      String key = "reaction:" + sender + ":" + reaction.mid() + ":" + action.name().toLowerCase(Locale.ROOT) + ":" + it.stamp();
      return new Reaction(it.envelope(key), reaction.mid(), reaction.emoji(), action);
    }
    for (int k = 0; k < HANDOVER_KINDS.length; k++) {
      MessengerItem.Handover handover = item.handovers[k];
      if (handover != null) {
        return handover(it, HANDOVER_KINDS[k], handover, sender);
      }
    }
    if (item.referral != null) {
      return new Referral(it.envelope("referral:" + sender + ":" + it.stamp()), referral(item.referral));
    }
    return unknown(it, item.firstOtherMember != null ? item.firstOtherMember : "empty");
  }

  private static InboundEvent message(Item it, MessengerItem.Message message) {
    if (message.mid == null) {
      return unknown(it, "message");
    }
    List<Attachment> attachments = new ArrayList<>(message.attachments.size());
    for (MessengerItem.Attachment attachment : message.attachments) {
      attachments.add(new Attachment(attachment.type() == null ? "unknown" : attachment.type(), attachment.url(), null,
          null, attachment.title(), null, attachment.json()));
    }
    return new MessageReceived(it.envelope("mid:" + message.mid), message.mid, message.text, attachments,
        message.quickReplyPayload, message.replyToMid, referral(message.referral));
  }

  private static Handover handover(Item it, Handover.Kind kind, MessengerItem.Handover handover, String sender) {
    String newOwner = kind == Handover.Kind.REQUEST_THREAD_CONTROL ? handover.requestedOwnerAppId()
        : handover.newOwnerAppId();
    String key = "handover:" + sender + ":" + MessengerItem.HANDOVER_FIELDS.get(kind.ordinal()) + ":" + it.stamp();
    return new Handover(it.envelope(key), kind, handover.previousOwnerAppId(), newOwner, handover.metadata());
  }

  private static ReferralDetails referral(MessengerItem.Referral referral) {
    if (referral == null) {
      return null;
    }
    return new ReferralDetails(referral.ref(), referral.source(), referral.type(), referral.adId(), referral.refererUri());
  }

  private static Reaction.Action reactionAction(String action) {
    if ("react".equals(action)) {
      return Reaction.Action.REACT;
    }
    return "unreact".equals(action) ? Reaction.Action.UNREACT : Reaction.Action.UNKNOWN;
  }

  private static InboundEvent unknown(Item it, String kind) {
    return new UnknownEvent(it.envelope("raw:" + Json.hash(it.item.canonicalJson())), kind);
  }

  private Instant time(Instant itemTime, Instant entryTime) {
    if (itemTime != null) {
      return itemTime;
    }
    return entryTime != null ? entryTime : clock.instant();
  }

  /** What every event of one item shares. */
  private record Item(Recipient from, Instant at, boolean timed, boolean standby, String raw, MessengerItem item) {
    EventEnvelope envelope(String key) {
      return new EventEnvelope(from, at, Json.boundedKey(key), standby, null, raw);
    }

    /**
     * What keys of events without an id of their own end with: the time, or without any timestamp
     * (`at` is then the arrival time, which would change on every redelivery) a hash of the content.
     */
    String stamp() {
      return timed ? Long.toString(at.toEpochMilli()) : "h" + Json.hash(item.canonicalJson());
    }
  }
}
