package dev.parley.bot.testing;

import dev.parley.bot.Bot;
import dev.parley.bot.ConversationView;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.message.Message;
import dev.parley.core.webhook.InboundEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A bot on an in-memory store with a hand-moved clock and synchronous sending, played by one customer. */
final class LocalChat implements AutoCloseable {
  static final Recipient DEFAULT_CUSTOMER = Recipient.messenger("1000000001", "2000000001");

  LocalChat(Bot.Builder bot, Recipient customer, Instant start) {
    throw new UnsupportedOperationException("not yet");
  }

  void says(String text) {}

  void tapsQuickReply(String title) {}

  void tapsButton(String title) {}

  void postback(String payload) {}

  void receive(InboundEvent event) {}

  void advanceClock(Duration duration) {}

  void handBack() {}

  void handOff(Owner owner) {}

  void expectReply(String text, boolean exact) {}

  void expectMessage(Message message) {}

  void expectQuickReplies(List<String> titles) {}

  void expectNoReply() {}

  void expectSlot(String name, Object value, boolean memory) {}

  void expectFlow(String flow, String step) {}

  void expectOwner(Owner owner) {}

  List<Message> sent() {
    return List.of();
  }

  ConversationView view() {
    return null;
  }

  String transcript() {
    return "";
  }

  Recipient customer() {
    return null;
  }

  ConversationStore store() {
    return null;
  }

  Bot bot() {
    return null;
  }

  Instant now() {
    return null;
  }

  @Override
  public void close() {}
}
