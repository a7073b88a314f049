package dev.parley.bot;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationTimer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names, timer keys and payloads of the bot's reminders in the store's timer table. */
final class Reminders {
  static final String KEY_PREFIX = "bot:";
  static final String FLOW_INACTIVE = "parley.flow.inactive";
  static final String FLOW_TIMEOUT = "parley.flow.timeout";
  private static final int MAX_NAME = 100;
  private static final int MAX_TIMER_KEY = 300;

  private Reminders() {}

  static String requireName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("reminder name must be 1 to " + MAX_NAME + " characters, got "
          + (name == null ? "null" : name.length() + " characters"));
    }
    return name;
  }

  /** The store timer key of reminder {@code name} of {@code conversation}: readable, or hashed when too long. */
  static String timerKey(Recipient conversation, String name) {
    String key = KEY_PREFIX + conversation.key() + ":" + name;
    return key.length() <= MAX_TIMER_KEY ? key : KEY_PREFIX + sha256(conversation.key() + "\n" + name);
  }

  static String payload(String name, String data) {
    JsonObject json = new JsonObject();
    json.addProperty("name", name);
    if (data != null) {
      json.addProperty("data", data);
    }
    return json.toString();
  }

  /** The reminder a claimed timer stands for; a timer someone else scheduled is named after its key. */
  static Reminder fromTimer(ConversationTimer timer) {
    if (timer.payload() != null && timer.key().startsWith(KEY_PREFIX)) {
      try {
        JsonObject json = JsonParser.parseString(timer.payload()).getAsJsonObject();
        String data = json.has("data") && !json.get("data").isJsonNull() ? json.get("data").getAsString() : null;
        return new Reminder(json.get("name").getAsString(), timer.dueAt(), data);
      } catch (RuntimeException e) {
        // not ours after all: fall through
      }
    }
    String name = timer.key().length() <= MAX_NAME ? timer.key() : timer.key().substring(0, MAX_NAME);
    return new Reminder(name, timer.dueAt(), timer.payload());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
