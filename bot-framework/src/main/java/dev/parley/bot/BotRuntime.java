package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Owner;
import dev.parley.core.webhook.InboundEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Runs a bot's turns: per-conversation queues on a bounded pool, reminders, the outbox. */
final class BotRuntime implements AutoCloseable {
  private final BotSettings settings;

  BotRuntime(BotSettings settings) {
    this.settings = settings;
  }

  CompletableFuture<TurnOutcome> handle(InboundEvent event) {
    throw new UnsupportedOperationException("not yet");
  }

  void start() {}

  int fireDueReminders() {
    throw new UnsupportedOperationException("not yet");
  }

  void remind(Recipient conversation, String name, Instant at, String data) {
    settings.store().schedule(Reminders.timerKey(conversation, name), conversation, at, Reminders.payload(name, data));
  }

  boolean cancelReminder(Recipient conversation, String name) {
    return settings.store().cancelTimer(Reminders.timerKey(conversation, name));
  }

  CompletableFuture<Void> changeOwner(Recipient conversation, Owner owner, String reason) {
    throw new UnsupportedOperationException("not yet");
  }

  ConversationView view(Recipient conversation) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
