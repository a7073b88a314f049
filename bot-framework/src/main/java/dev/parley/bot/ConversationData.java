package dev.parley.bot;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.parley.core.conversation.ConversationState;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bot saves per conversation, as JSON in the store's versioned state blob: the flow stack,
 * the memory, and the keys of the last events handled (to recognise a redelivered one).
 */
final class ConversationData {
  static final int FORMAT = 1;
  static final int HANDLED_KEYS_KEPT = 64;
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  int format = FORMAT;
  List<Frame> flows = new ArrayList<>();
  JsonObject memory = new JsonObject();
  List<String> handled = new ArrayList<>();
  long asks;
  /** The language of the customer's last understood message (a BCP 47 tag), the recognizer's hint for the next. */
  String language;

  /** One running flow: where it is and what it collected. */
  static final class Frame {
    String flow;
    int step;
    JsonObject slots = new JsonObject();
    boolean waiting;
    int attempts;
    long ask;

    Frame() {}

    Frame(String flow) {
      this.flow = flow;
    }
  }

  static ConversationData parse(ConversationState state) {
    if (state.isEmpty()) {
      return new ConversationData();
    }
    try {
      ConversationData data = GSON.fromJson(state.data(), ConversationData.class);
      if (data == null) {
        return new ConversationData();
      }
      if (data.flows == null) {
        data.flows = new ArrayList<>();
      }
      if (data.memory == null) {
        data.memory = new JsonObject();
      }
      if (data.handled == null) {
        data.handled = new ArrayList<>();
      }
      for (Frame frame : data.flows) {
        if (frame.slots == null) {
          frame.slots = new JsonObject();
        }
      }
      return data;
    } catch (JsonParseException e) {
      throw new IllegalStateException("the conversation's saved state is not the bot's JSON (version "
          + state.version() + "): " + e.getMessage(), e);
    }
  }

  String toJson() {
    return GSON.toJson(this);
  }

  boolean handled(String eventKey) {
    return handled.contains(eventKey);
  }

  void markHandled(String eventKey) {
    if (!handled.contains(eventKey)) {
      handled.add(eventKey);
      while (handled.size() > HANDLED_KEYS_KEPT) {
        handled.remove(0);
      }
    }
  }

  Frame top() {
    return flows.isEmpty() ? null : flows.get(flows.size() - 1);
  }
}
