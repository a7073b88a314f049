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

  private final MessengerParser messenger;
  private final WhatsAppParser whatsApp;

  public PayloadParser(Clock clock) {
    this.messenger = new MessengerParser(clock);
    this.whatsApp = new WhatsAppParser(clock);
  }

  /** A syntactically valid payload: its {@code object} and its root. */
  public record Payload(String object, JsonObject root) {}

  /** Reads a body; throws {@link MalformedPayloadException} unless it is one JSON object with an {@code object}. */
  public Payload read(byte[] body) {
    return read(new String(body, StandardCharsets.UTF_8));
  }

  public Payload read(String json) {
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
    return new Payload(kind, object);
  }

  /** The events of a payload in payload order; none for an {@code object} other than page and WhatsApp. */
  public List<InboundEvent> events(Payload payload) {
    List<InboundEvent> events = new ArrayList<>();
    boolean page = "page".equals(payload.object());
    if (!page && !"whatsapp_business_account".equals(payload.object())) {
      return events;
    }
    for (JsonElement entry : Json.elements(payload.root(), "entry")) {
      if (!(entry instanceof JsonObject entryObject)) {
        log.warn("webhook entry skipped: not a JSON object");
        continue;
      }
      if (page) {
        messenger.parseEntry(entryObject, events);
      } else {
        whatsApp.parseEntry(entryObject, events);
      }
    }
    return events;
  }

  /** {@link #read} then {@link #events}. */
  public List<InboundEvent> parse(String json) {
    return events(read(json));
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
