package dev.parley.core.internal.send;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message id in the platform's answer to an accepted request: Messenger's {@code message_id},
 * WhatsApp's {@code messages[0].id}, null for answers without one (sender actions). Every send reads
 * one answer, so the usual Messenger answer, a flat object of plain strings such as
 * {@code {"recipient_id":"1254477777772919","message_id":"m_AG5Hz2U"}}, is scanned in place; any
 * other answer (escapes, numbers, nesting, WhatsApp's array, comments) is read as a JSON tree,
 * leniently, and the scan answers exactly what the tree would. Stateless and thread-safe.
 */
final class MessageIds {
  private static final Logger log = LoggerFactory.getLogger(MessageIds.class);
  private static final String MESSAGE_ID = "message_id";

  private MessageIds() {}

  static String of(String body) {
    String id = scanFlat(body);
    return id != null ? id : fromTree(body);
  }

  /**
   * The last {@code message_id} of {@code body} when it is one object whose values are all strings
   * without escapes and it has such a member; null otherwise (the tree decides).
   */
  static String scanFlat(String body) {
    int at = skipSpace(body, 0);
    if (at >= body.length() || body.charAt(at) != '{') {
      return null;
    }
    String id = null;
    at = skipSpace(body, at + 1);
    if (at < body.length() && body.charAt(at) == '}') {
      return null;
    }
    while (true) {
      int nameEnd = stringEnd(body, at);
      if (nameEnd < 0) {
        return null;
      }
      boolean isId = nameEnd - at - 1 == MESSAGE_ID.length() && body.startsWith(MESSAGE_ID, at + 1);
      at = skipSpace(body, nameEnd + 1);
      if (at >= body.length() || body.charAt(at) != ':') {
        return null;
      }
      at = skipSpace(body, at + 1);
      int valueEnd = stringEnd(body, at);
      if (valueEnd < 0) {
        return null;
      }
      if (isId) {
        id = body.substring(at + 1, valueEnd);
      }
      at = skipSpace(body, valueEnd + 1);
      if (at >= body.length()) {
        return null;
      }
      char next = body.charAt(at);
      if (next == '}') {
        return skipSpace(body, at + 1) == body.length() ? id : null;
      }
      if (next != ',') {
        return null;
      }
      at = skipSpace(body, at + 1);
    }
  }

  /** The index of the closing quote of the string opening at {@code at}; -1 when there is none there or it has an escape. */
  private static int stringEnd(String body, int at) {
    if (at >= body.length() || body.charAt(at) != '"') {
      return -1;
    }
    for (int i = at + 1; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  private static int skipSpace(String body, int at) {
    while (at < body.length()) {
      char c = body.charAt(at);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      at++;
    }
    return at;
  }

  static String fromTree(String body) {
    try {
      JsonElement root = JsonParser.parseString(body);
      if (!root.isJsonObject()) {
        return null;
      }
      JsonObject object = root.getAsJsonObject();
      if (object.has("message_id")) {
        return object.get("message_id").getAsString();
      }
      if (object.has("messages") && object.get("messages").isJsonArray() && !object.getAsJsonArray("messages").isEmpty()) {
        JsonElement first = object.getAsJsonArray("messages").get(0);
        return first.isJsonObject() && first.getAsJsonObject().has("id") ? first.getAsJsonObject().get("id").getAsString() : null;
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      log.warn("the platform accepted a request but its answer is not the expected JSON");
    }
    return null;
  }
}
