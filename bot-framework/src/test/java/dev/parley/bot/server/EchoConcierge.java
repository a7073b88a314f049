package dev.parley.bot.server;

import dev.parley.bot.handoff.HandoffReason;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.message.Message;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.MessageReceived;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A small bot for the server tests, written against the service's desk the way an application
 * without the bot runtime would: it records what the customer says, stays silent while people own
 * the conversation, hands off on the desk's triggers ("???" counts as not understood) and otherwise
 * echoes through the outbox.
 */
final class EchoConcierge implements Consumer<InboundEvent> {
  private final BotService.Desk desk;

  EchoConcierge(BotService.Desk desk) {
    this.desk = desk;
  }

  @Override
  public void accept(InboundEvent event) {
    if (!(event instanceof MessageReceived message) || message.text() == null) {
      return;
    }
    desk.store().withConversation(event.from(), conversation -> {
      desk.store().append(NewMessage.inbound(event.from(), message.text(), event.rawJson(), message.messageId(),
          event.occurredAt()));
      if (!desk.store().ownership(event.from()).owner().isBot()) {
        return null;
      }
      Optional<HandoffReason> reason = desk.handoffs().trigger(event.from(), message.text(),
          !message.text().contains("???"));
      if (reason.isPresent()) {
        desk.handoffs().handOff(event.from(), reason.get(), message.text(), Map.of("lastWords", message.text()), "en");
        return null;
      }
      String reply = "You said: " + message.text();
      desk.outbox().enqueue(event.from(), Message.text(reply), "echo:" + message.messageId());
      desk.store().append(NewMessage.outbound(event.from(), dev.parley.core.conversation.Author.bot(), reply, null, null,
          desk.clock().instant()));
      return null;
    });
  }
}
