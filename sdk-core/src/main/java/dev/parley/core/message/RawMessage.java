package dev.parley.core.message;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.internal.send.Limits;

/**
 * The escape hatch for what Parley does not model yet: the JSON of the message per channel, as a
 * JSON object. On Messenger it is the {@code message} object (Parley adds {@code recipient},
 * {@code messaging_type} and {@code tag}); on WhatsApp it is the request body without
 * {@code messaging_product} and {@code to} (Parley adds them), and must name its {@code type}. A
 * channel without JSON refuses the message. Immutable and thread-safe.
 *
 * <pre>{@code
 * RawMessage sticker = RawMessage.whatsApp("{\"type\":\"sticker\",\"sticker\":{\"id\":\"798882015472548\"}}");
 * }</pre>
 */
public record RawMessage(String messengerJson, String whatsAppJson) implements Message {
  public RawMessage {
    if (messengerJson == null && whatsAppJson == null) {
      throw new InvalidRequestException("raw message needs JSON for at least one channel");
    }
    requireObject("raw message messengerJson", messengerJson);
    requireObject("raw message whatsAppJson", whatsAppJson);
    if (whatsAppJson != null && !JsonParser.parseString(whatsAppJson).getAsJsonObject().has("type")) {
      throw new InvalidRequestException("raw message whatsAppJson " + Limits.quote(whatsAppJson)
          + " has no \"type\"; WhatsApp requires one");
    }
  }

  public static RawMessage messenger(String messageJson) {
    return new RawMessage(messageJson, null);
  }

  public static RawMessage whatsApp(String bodyJson) {
    return new RawMessage(null, bodyJson);
  }

  /** The JSON for {@code channel}, or null when this message has none for it. */
  public String jsonFor(Channel channel) {
    return channel == Channel.MESSENGER ? messengerJson : whatsAppJson;
  }

  private static void requireObject(String field, String json) {
    if (json == null) {
      return;
    }
    try {
      JsonElement element = JsonParser.parseString(json);
      if (element.isJsonObject()) {
        return;
      }
    } catch (JsonParseException e) {
      // reported below
    }
    throw new InvalidRequestException(field + " " + Limits.quote(json) + " is not a JSON object");
  }
}
