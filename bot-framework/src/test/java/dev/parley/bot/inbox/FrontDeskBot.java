package dev.parley.bot.inbox;

import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffReason;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.conversation.Profile;
import dev.parley.core.message.Message;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A small front-desk bot wired the way the bot server wires one: every webhook event goes to the
 * handoff desk first (unread counts, Meta's handover), each customer message is recorded in the
 * store, and while the bot owns the conversation it answers, or hands off when the customer asks
 * for a person. While people have the conversation it stays silent. Thread-safe.
 */
final class FrontDeskBot {
  static final String GREETING = "Hello! I can track your orders and take requests. Ask for a person at any time.";

  private final ConversationStore store;
  private final HandoffDesk handoffs;
  private final Parley parley;

  FrontDeskBot(ConversationStore store, HandoffDesk handoffs, Parley parley) {
    this.store = store;
    this.handoffs = handoffs;
    this.parley = parley;
  }

  void handle(InboundEvent event) {
    handoffs.observe(event);
    if (!(event instanceof MessageReceived message) || message.standby()) {
      return;
    }
    Recipient from = message.from();
    Instant at = message.occurredAt();
    store.recordInbound(from, at);
    Customer customer = store.customer(from);
    if (message.customerName() != null && customer.profile().name() == null) {
      store.updateProfile(customer.id(), Profile.named(message.customerName()));
    }
    String text = message.text() != null ? message.text() : "[" + message.attachments().size() + " attachment(s)]";
    store.append(NewMessage.inbound(from, text, message.rawJson(), message.messageId(), at));
    if (!store.ownership(from).owner().isBot()) {
      return;
    }
    Optional<HandoffReason> reason = handoffs.trigger(from, text, true);
    if (reason.isPresent()) {
      handoffs.handOff(from, reason.get(), text, Map.of("orderNumber", "A-1042"), "en");
    } else {
      say(from, GREETING);
    }
  }

  private void say(Recipient to, String text) {
    SendReceipt receipt = parley.send(to, Message.text(text));
    store.append(NewMessage.outbound(to, Author.bot(), text, null, receipt.messageId(), Instant.now()));
  }
}
