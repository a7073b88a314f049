package dev.parley.core.internal.webhook;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code messaging[]} or {@code standby[]} item of a Messenger entry says, read in one pass
 * over the body: the members Parley models, and where the item's text starts and ends. Reads as a
 * parsed JSON object reads: a member of the wrong type counts as absent, and of a name given twice
 * the last occurrence counts. Syntax errors throw {@link MalformedPayloadException}; nothing else
 * does, so what the item means is decided later, when the entry's page id and time are known.
 */
final class MessengerItem {

  /** The handover members, in the order of {@code Handover.Kind}. */
  static final List<String> HANDOVER_FIELDS = List.of("pass_thread_control", "take_thread_control", "request_thread_control");

  private final String text;
  final int start;
  int end;
  boolean object;
  String senderId;
  String recipientId;
  /** The item's {@code timestamp}, if a whole number. */
  Long timestamp;
  /** The first member that is not sender, recipient or timestamp: the kind of an item Parley does not model. */
  String firstOtherMember;
  Message message;
  Postback postback;
  Watermark delivery;
  Watermark read;
  Reaction reaction;
  final Handover[] handovers = new Handover[HANDOVER_FIELDS.size()];
  Referral referral;
  private String canonical;

  private MessengerItem(String text, int start) {
    this.text = text;
    this.start = start;
  }

  /** The item's text exactly as received. */
  String json() {
    return text.substring(start, end);
  }

  /**
   * The item written compactly, as Gson writes its tree: what dedup keys built from content hash, so
   * that they do not depend on whitespace or escapes and stay those of earlier Parley versions.
   * Only items without an id or time need it.
   */
  String canonicalJson() {
    if (canonical == null) {
      canonical = Json.toJson(JsonParser.parseString(json()));
    }
    return canonical;
  }

  /** Reads the item ahead of {@code in}, whatever its type. */
  static MessengerItem read(JsonScanner in) {
    in.peek();
    MessengerItem item = new MessengerItem(in.text(), in.position());
    if (!in.atObject()) {
      in.skipValue();
      item.end = in.position();
      return item;
    }
    item.object = true;
    if (in.beginObject()) {
      do {
        item.member(in);
      } while (in.nextMember());
    }
    item.end = in.position();
    return item;
  }

  private static final JsonNames MEMBERS = new JsonNames(
      "sender", "recipient", "timestamp", "message", "postback", "delivery",
      "read", "reaction", "referral", "pass_thread_control", "take_thread_control", "request_thread_control");
  private static final int SENDER = 0;
  private static final int RECIPIENT = 1;
  private static final int TIMESTAMP = 2;
  private static final int MESSAGE = 3;
  private static final int POSTBACK = 4;
  private static final int DELIVERY = 5;
  private static final int READ = 6;
  private static final int REACTION = 7;
  private static final int REFERRAL = 8;
  private static final int FIRST_HANDOVER = 9;
  private static final JsonNames ID = new JsonNames("id");

  private void member(JsonScanner in) {
    int member = in.name(MEMBERS);
    switch (member) {
      case SENDER -> senderId = id(in);
      case RECIPIENT -> recipientId = id(in);
      case TIMESTAMP -> timestamp = in.wholeValue();
      case MESSAGE -> message = in.atObject() ? Message.read(in) : skipped(in);
      case POSTBACK -> postback = in.atObject() ? Postback.read(in) : skipped(in);
      case DELIVERY -> delivery = in.atObject() ? Watermark.read(in) : skipped(in);
      case READ -> read = in.atObject() ? Watermark.read(in) : skipped(in);
      case REACTION -> reaction = in.atObject() ? Reaction.read(in) : skipped(in);
      case REFERRAL -> referral = in.atObject() ? Referral.read(in) : skipped(in);
      case -1 -> in.skipValue();
      default -> handovers[member - FIRST_HANDOVER] = in.atObject() ? Handover.read(in) : skipped(in);
    }
    if (firstOtherMember == null && member != SENDER && member != RECIPIENT && member != TIMESTAMP) {
      firstOtherMember = member >= 0 ? MEMBERS.get(member) : in.lastName();
    }
  }

  /** The {@code id} of an object member ({@code sender}, {@code recipient}, {@code reply_to}); null for another type. */
  private static String id(JsonScanner in) {
    return in.atObject() ? Fields.one(in, ID) : skipped(in);
  }

  private static <T> T skipped(JsonScanner in) {
    in.skipValue();
    return null;
  }

  /** {@code message}: a customer's message or, with {@code is_echo}, the page's own. */
  static final class Message {
    boolean echo;
    String mid;
    String text;
    String appId;
    String metadata;
    List<Attachment> attachments = List.of();
    String quickReplyPayload;
    String replyToMid;
    Referral referral;

    private static final JsonNames PAYLOAD = new JsonNames("payload");
    private static final JsonNames MID = new JsonNames("mid");
    private static final JsonNames MEMBERS = new JsonNames(
        "is_echo", "mid", "text", "app_id", "metadata", "attachments", "quick_reply",
        "reply_to", "referral");

    private static Message read(JsonScanner in) {
      Message message = new Message();
      if (in.beginObject()) {
        do {
          switch (in.name(MEMBERS)) {
            case 0 -> message.echo = in.trueValue();
            case 1 -> message.mid = in.textValue();
            case 2 -> message.text = in.textValue();
            case 3 -> message.appId = in.textValue();
            case 4 -> message.metadata = in.textValue();
            case 5 -> message.attachments = in.atArray() ? Attachment.readAll(in) : skipped(in);
            case 6 -> message.quickReplyPayload = in.atObject() ? Fields.one(in, PAYLOAD) : skipped(in);
            case 7 -> message.replyToMid = in.atObject() ? Fields.one(in, MID) : skipped(in);
            case 8 -> message.referral = in.atObject() ? Referral.read(in) : skipped(in);
            default -> in.skipValue();
          }
        } while (in.nextMember());
      }
      if (message.attachments == null) {
        message.attachments = List.of();
      }
      return message;
    }
  }

  /** One object element of {@code message.attachments}, with its text as received. */
  record Attachment(String type, String url, String title, String json) {
    private static final JsonNames MEMBERS = new JsonNames("type", "title", "payload");
    private static final JsonNames URL = new JsonNames("url");

    private static List<Attachment> readAll(JsonScanner in) {
      List<Attachment> attachments = new ArrayList<>();
      if (in.beginArray()) {
        do {
          if (in.atObject()) {
            attachments.add(read(in));
          } else {
            in.skipValue();
          }
        } while (in.nextElement());
      }
      return attachments;
    }

    private static Attachment read(JsonScanner in) {
      int start = in.position();
      String type = null;
      String url = null;
      String title = null;
      if (in.beginObject()) {
        do {
          switch (in.name(MEMBERS)) {
            case 0 -> type = in.textValue();
            case 1 -> title = in.textValue();
            case 2 -> url = in.atObject() ? Fields.one(in, URL) : skipped(in);
            default -> in.skipValue();
          }
        } while (in.nextMember());
      }
      return new Attachment(type, url, title, in.text().substring(start, in.position()));
    }
  }

  /** {@code postback}: a tapped button. */
  record Postback(String mid, String title, String payload, Referral referral) {
    private static final JsonNames MEMBERS = new JsonNames("mid", "title", "payload", "referral");

    private static Postback read(JsonScanner in) {
      String mid = null;
      String title = null;
      String payload = null;
      Referral referral = null;
      if (in.beginObject()) {
        do {
          switch (in.name(MEMBERS)) {
            case 0 -> mid = in.textValue();
            case 1 -> title = in.textValue();
            case 2 -> payload = in.textValue();
            case 3 -> referral = in.atObject() ? Referral.read(in) : skipped(in);
            default -> in.skipValue();
          }
        } while (in.nextMember());
      }
      return new Postback(mid, title, payload, referral);
    }
  }

  /** {@code delivery} and {@code read}: a watermark, and for deliveries the message ids. */
  record Watermark(Long watermark, List<String> mids) {
    private static final JsonNames MEMBERS = new JsonNames("watermark", "mids");

    private static Watermark read(JsonScanner in) {
      Long watermark = null;
      List<String> mids = List.of();
      if (in.beginObject()) {
        do {
          switch (in.name(MEMBERS)) {
            case 0 -> watermark = in.wholeValue();
            case 1 -> mids = in.atArray() ? texts(in) : skipped(in);
            default -> in.skipValue();
          }
        } while (in.nextMember());
      }
      return new Watermark(watermark, mids == null ? List.of() : mids);
    }

    /** The text elements of the array ahead; others skipped. */
    private static List<String> texts(JsonScanner in) {
      List<String> texts = new ArrayList<>();
      if (in.beginArray()) {
        do {
          String text = in.textValue();
          if (text != null) {
            texts.add(text);
          }
        } while (in.nextElement());
      }
      return texts;
    }
  }

  /** {@code reaction}. */
  record Reaction(String mid, String action, String emoji) {
    private static final JsonNames MEMBERS = new JsonNames("mid", "action", "emoji");

    private static Reaction read(JsonScanner in) {
      String[] fields = Fields.read(in, MEMBERS);
      return new Reaction(fields[0], fields[1], fields[2]);
    }
  }

  /** {@code pass_thread_control}, {@code take_thread_control} or {@code request_thread_control}. */
  record Handover(String previousOwnerAppId, String newOwnerAppId, String requestedOwnerAppId, String metadata) {
    private static final JsonNames MEMBERS = new JsonNames(
        "previous_owner_app_id", "new_owner_app_id", "requested_owner_app_id", "metadata");

    private static Handover read(JsonScanner in) {
      String[] fields = Fields.read(in, MEMBERS);
      return new Handover(fields[0], fields[1], fields[2], fields[3]);
    }
  }

  /** {@code referral}, alone or inside a message or postback. */
  record Referral(String ref, String source, String type, String adId, String refererUri) {
    private static final JsonNames MEMBERS = new JsonNames(
        "ref", "source", "type", "ad_id", "referer_uri");

    private static Referral read(JsonScanner in) {
      String[] fields = Fields.read(in, MEMBERS);
      return new Referral(fields[0], fields[1], fields[2], fields[3], fields[4]);
    }
  }

  /** Text members of an object by name. */
  private static final class Fields {
    private Fields() {}

    /** The text value of the one name {@code name} holds in the object ahead; null where absent or not text. */
    static String one(JsonScanner in, JsonNames name) {
      String value = null;
      if (in.beginObject()) {
        do {
          if (in.name(name) == 0) {
            value = in.textValue();
          } else {
            in.skipValue();
          }
        } while (in.nextMember());
      }
      return value;
    }

    /** The text values of {@code names} in the object ahead, in that order; null where absent or not text. */
    static String[] read(JsonScanner in, JsonNames names) {
      String[] values = new String[names.size()];
      if (in.beginObject()) {
        do {
          int index = in.name(names);
          if (index >= 0) {
            values[index] = in.textValue();
          } else {
            in.skipValue();
          }
        } while (in.nextMember());
      }
      return values;
    }
  }
}
