package dev.parley.core.internal.webhook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.webhook.EventEnvelope;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.InboundJournal;
import dev.parley.core.webhook.UnknownEvent;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns webhook payloads ({@code page} and {@code whatsapp_business_account}) into
 * {@link InboundEvent}s. Strict about JSON syntax (a body that does not parse is refused), lenient
 * about content (unknown fields and values ignored, an unreadable item becomes an
 * {@link UnknownEvent}, one bad item never costs the others). Thread-safe.
 */
public final class PayloadParser {

  private static final Logger log = LoggerFactory.getLogger(PayloadParser.class);
  private static final String PAGE = "page";
  private static final String WHATSAPP = "whatsapp_business_account";
  private static final JsonNames ROOT_MEMBERS = new JsonNames("object", "entry");

  private final MessengerParser messenger;
  private final WhatsAppParser whatsApp;

  public PayloadParser(Clock clock) {
    this.messenger = new MessengerParser(clock);
    this.whatsApp = new WhatsAppParser(clock);
  }

  /** A syntactically valid payload: its {@code object} and its events, none for an object other than page and WhatsApp. */
  public record Payload(String object, List<InboundEvent> events) {}

  /**
   * Reads a body (UTF-8); throws {@link MalformedPayloadException} unless it is one JSON object with
   * an {@code object} field.
   */
  public Payload read(byte[] body) {
    return read(new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Reads a payload. Messenger payloads are read in one pass over the text, each event's raw JSON
   * cut from it; WhatsApp payloads, after that pass checked the syntax, through a Gson tree.
   */
  public Payload read(String json) {
    JsonScanner in = new JsonScanner(json);
    in.skipByteOrderMark();
    if (!in.atObject()) {
      if (in.peek() != -1) {
        in.skipValue();
        in.endOfText();
      }
      throw new MalformedPayloadException("the body is not a JSON object", null);
    }
    boolean hasObject = false;
    String object = null;
    // The last `entry` wins, as in a parsed object; Meta sends `object` first, so a page's entries
    // are read as they go by, and only an `entry` ahead of its `object` is read a second time.
    MessengerParser.Entries pageEntries = null;
    int entryStart = -1;
    int entryEnd = -1;
    if (in.beginObject()) {
      do {
        int member = in.name(ROOT_MEMBERS);
        if (member == 0) {
          hasObject = true;
          object = in.textValue();
        } else if (member == 1) {
          in.peek();
          entryStart = in.position();
          if (PAGE.equals(object)) {
            pageEntries = messenger.readEntries(in);
          } else {
            pageEntries = null;
            in.skipValue();
          }
          entryEnd = in.position();
        } else {
          in.skipValue();
        }
      } while (in.nextMember());
    }
    in.endOfText();
    if (object == null) {
      throw new MalformedPayloadException(hasObject ? "the body's 'object' field is not a string" : "the body has no 'object' field",
          null);
    }
    if (PAGE.equals(object)) {
      if (entryStart < 0) {
        return new Payload(object, new ArrayList<>());
      }
      if (pageEntries == null) {
        pageEntries = messenger.readEntries(new JsonScanner(json, entryStart, entryEnd));
      }
      for (int i = 0; i < pageEntries.skipped(); i++) {
        log.warn("webhook entry skipped: not a JSON object");
      }
      return new Payload(object, pageEntries.events());
    }
    if (WHATSAPP.equals(object)) {
      return new Payload(object, whatsAppEvents(tree(json)));
    }
    return new Payload(object, new ArrayList<>());
  }

  /** The body as a Gson tree, read as strictly as {@link JsonScanner} reads it. */
  private static JsonObject tree(String json) {
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
    return object;
  }

  private List<InboundEvent> whatsAppEvents(JsonObject root) {
    List<InboundEvent> events = new ArrayList<>();
    for (JsonElement entry : Json.elements(root, "entry")) {
      if (!(entry instanceof JsonObject entryObject)) {
        log.warn("webhook entry skipped: not a JSON object");
        continue;
      }
      whatsApp.parseEntry(entryObject, events);
    }
    return events;
  }

  /** The events of a payload in payload order; none for an {@code object} other than page and WhatsApp. */
  public List<InboundEvent> parse(String json) {
    return read(json).events();
  }

  /** Parses the raw JSON of one event back; throws unless it holds exactly one event. */
  public InboundEvent reparse(String rawJson) {
    if (rawJson == null) {
      throw new InvalidRequestException("rawJson must not be null");
    }
    List<InboundEvent> events = parse(rawJson);
    if (events.size() != 1) {
      throw new InvalidRequestException("rawJson holds " + events.size() + " events; an event's raw JSON holds exactly one");
    }
    return events.get(0);
  }

  /** The event a journal entry was recorded from; an {@link UnknownEvent} if its JSON no longer parses. Never throws. */
  public InboundEvent fromJournal(InboundJournal.Entry entry) {
    try {
      InboundEvent event = reparse(entry.rawJson());
      if (!event.dedupKey().equals(entry.eventKey())) {
        log.debug("journal entry {} parses to key {}", entry.eventKey(), event.dedupKey());
      }
      return event;
    } catch (RuntimeException e) {
      log.warn("journal entry {} could not be parsed again ({}); dispatched as an unknown event", entry.eventKey(), e.getMessage());
      String raw = entry.rawJson() == null ? "null" : entry.rawJson();
      return new UnknownEvent(new EventEnvelope(entry.from(), entry.occurredAt(), entry.eventKey(), false, null, raw), "unreadable");
    }
  }
}
