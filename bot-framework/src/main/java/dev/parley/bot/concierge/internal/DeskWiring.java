package dev.parley.bot.concierge.internal;

import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.outbox.Outbox;
import java.time.Clock;
import java.util.Objects;

/**
 * What the concierge and handoff desks are both wired to, with the builders' defaults and checks in
 * one place: the conversation store, the bot's outbox, the payment desk ({@link PaymentDesk#none()}
 * by default), the clock (system UTC) and the change listener of the inbox's change feed (none).
 * Public for wiring inside the bot framework only; not an API. Immutable, thread-safe.
 *
 * @param conversations the conversation store
 * @param outbox the outbox notices to customers go through
 * @param payments where orders and payment links come from
 * @param clock the clock of every change
 * @param changeListener runs after every change agents should see
 */
public record DeskWiring(ConversationStore conversations, Outbox outbox, PaymentDesk payments, Clock clock,
    Runnable changeListener) {

  public DeskWiring {
    Objects.requireNonNull(conversations, "conversations");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(payments, "payments");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(changeListener, "listener");
  }

  /** The defaults over {@code conversations} and {@code outbox}. */
  public static DeskWiring of(ConversationStore conversations, Outbox outbox) {
    return new DeskWiring(conversations, outbox, PaymentDesk.none(), Clock.systemUTC(), () -> {});
  }

  public DeskWiring withPayments(PaymentDesk payments) {
    return new DeskWiring(conversations, outbox, payments, clock, changeListener);
  }

  public DeskWiring withClock(Clock clock) {
    return new DeskWiring(conversations, outbox, payments, clock, changeListener);
  }

  public DeskWiring withChangeListener(Runnable listener) {
    return new DeskWiring(conversations, outbox, payments, clock, listener);
  }
}
