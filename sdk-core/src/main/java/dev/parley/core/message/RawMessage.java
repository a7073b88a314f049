package dev.parley.core.message;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.RawMessageJson;
import dev.parley.core.internal.send.Limits;
import java.util.Objects;

/**
 * The escape hatch for what Parley does not model yet: the JSON of the message per channel, as a
 * JSON object. On Messenger it is the {@code message} object (Parley adds {@code recipient},
 * {@code messaging_type} and {@code tag}); on WhatsApp it is the request body without
 * {@code messaging_product} and {@code to} (Parley adds them), and must name its {@code type} as a
 * string. A channel without JSON refuses the message.
 *
 * <p>The JSON is parsed once, here; sending reuses what was parsed. {@link #toString()} shows the
 * channels and sizes only, never the JSON, which may hold what a customer wrote. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * RawMessage sticker = RawMessage.whatsApp("{\"type\":\"sticker\",\"sticker\":{\"id\":\"798882015472548\"}}");
 * }</pre>
 */
public final class RawMessage implements Message {
  static {
    RawMessageJson.install((message, channel) -> {
      JsonObject parsed = channel == Channel.MESSENGER ? message.messenger : message.whatsApp;
      return parsed == null ? null : parsed.deepCopy();
    });
  }

  private final String messengerJson;
  private final String whatsAppJson;
  private final JsonObject messenger;
  private final JsonObject whatsApp;
  private final String whatsAppType;

  /** The message as {@code messengerJson} on Messenger and {@code whatsAppJson} on WhatsApp; either may be null. */
  public RawMessage(String messengerJson, String whatsAppJson) {
    if (messengerJson == null && whatsAppJson == null) {
      throw new InvalidRequestException("raw message needs JSON for at least one channel");
    }
    this.messengerJson = messengerJson;
    this.whatsAppJson = whatsAppJson;
    this.messenger = parseObject("raw message messengerJson", messengerJson);
    this.whatsApp = parseObject("raw message whatsAppJson", whatsAppJson);
    this.whatsAppType = whatsApp == null ? null : type(whatsApp, whatsAppJson);
  }

  public static RawMessage messenger(String messageJson) {
    return new RawMessage(messageJson, null);
  }

  public static RawMessage whatsApp(String bodyJson) {
    return new RawMessage(null, bodyJson);
  }

  /** The Messenger {@code message} JSON as given, or null. */
  public String messengerJson() {
    return messengerJson;
  }

  /** The WhatsApp body JSON as given, or null. */
  public String whatsAppJson() {
    return whatsAppJson;
  }

  /** The WhatsApp {@code type} ({@code "template"}, {@code "sticker"}...), or null without WhatsApp JSON. */
  public String whatsAppType() {
    return whatsAppType;
  }

  /** The JSON for {@code channel}, or null when this message has none for it. */
  public String jsonFor(Channel channel) {
    return channel == Channel.MESSENGER ? messengerJson : whatsAppJson;
  }

  private static JsonObject parseObject(String field, String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonElement element = JsonParser.parseString(json);
      if (element.isJsonObject()) {
        return element.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      // reported below
    }
    throw new InvalidRequestException(field + " " + Limits.quote(json) + " is not a JSON object");
  }

  private static String type(JsonObject body, String json) {
    JsonElement type = body.get("type");
    if (type == null || type.isJsonNull()) {
      throw new InvalidRequestException("raw message whatsAppJson " + Limits.quote(json)
          + " has no \"type\"; WhatsApp requires one");
    }
    if (!type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString() || type.getAsString().isBlank()) {
      throw new InvalidRequestException("raw message whatsAppJson \"type\" is " + Limits.quote(type.toString())
          + "; WhatsApp requires a message type name such as \"template\" or \"sticker\"");
    }
    return type.getAsString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawMessage raw && Objects.equals(messengerJson, raw.messengerJson)
        && Objects.equals(whatsAppJson, raw.whatsAppJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(messengerJson, whatsAppJson);
  }

  /** {@code RawMessage[messenger 120 chars, whatsapp 80 chars]}: channels and sizes, never the JSON. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RawMessage[");
    if (messengerJson != null) {
      text.append("messenger ").append(messengerJson.length()).append(" chars");
    }
    if (whatsAppJson != null) {
      text.append(messengerJson != null ? ", " : "").append("whatsapp ").append(whatsAppJson.length()).append(" chars");
    }
    return text.append(']').toString();
  }
}
