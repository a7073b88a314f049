package dev.parley.bot.handoff;

import dev.parley.bot.Middleware;
import dev.parley.bot.Turn;
import dev.parley.bot.TurnHandler;
import dev.parley.bot.concierge.ConciergeDesk;
import dev.parley.core.conversation.Owner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Connects a {@link dev.parley.bot.Bot} to the {@link HandoffDesk}: add it with {@code
 * Bot.builder().use(handoffMiddleware)} and wrap the bot's fallback with {@link #notUnderstood}.
 *
 * <pre>{@code
 * HandoffMiddleware handoff = HandoffMiddleware.of(handoffDesk).concierge(conciergeDesk);
 * Bot bot = Bot.builder()...
 *     .handoffOwner(HandoffDesk.QUEUE_OWNER)
 *     .use(handoff)
 *     .fallback(handoff.notUnderstood(turn -> turn.reply("Sorry, I did not get that.")))
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>Before the bot answers a customer's message, the words of {@link HandoffTriggers} (asking
 *       for a person, anger, a payment problem) hand the conversation to the queue at once: the
 *       turn tells the customer a person will answer, and the bot's handlers do not run.
 *   <li>After the turn: a turn that handed off by itself (a "talk to a human" intent) joins the
 *       queue with its slots; a turn that ended in the wrapped fallback counts as not understood,
 *       and the second in a row hands off (LOW_CONFIDENCE).
 *   <li>Every customer message also reaches {@link ConciergeDesk#customerReplied}, so tasks waiting
 *       for the customer move on.
 * </ul>
 *
 * Thread-safe: per-turn flags live on the turn's thread only.
 */
public final class HandoffMiddleware implements Middleware {
  private static final ThreadLocal<Boolean> notUnderstood = new ThreadLocal<>();

  private final HandoffDesk desk;
  private final ConciergeDesk concierge;

  private HandoffMiddleware(HandoffDesk desk, ConciergeDesk concierge) {
    this.desk = desk;
    this.concierge = concierge;
  }

  public static HandoffMiddleware of(HandoffDesk desk) {
    return new HandoffMiddleware(Objects.requireNonNull(desk, "desk"), null);
  }

  /** This middleware also telling {@code concierge} when the customer replies. */
  public HandoffMiddleware concierge(ConciergeDesk concierge) {
    return new HandoffMiddleware(desk, Objects.requireNonNull(concierge, "concierge"));
  }

  /** The bot's fallback, marking the turn as not understood before it runs. */
  public TurnHandler notUnderstood(TurnHandler fallback) {
    Objects.requireNonNull(fallback, "fallback");
    return turn -> {
      notUnderstood.set(Boolean.TRUE);
      fallback.handle(turn);
    };
  }

  @Override
  public void intercept(Chain chain) {
    Turn turn = chain.turn();
    boolean customerWrote = turn.trigger() == Turn.Trigger.MESSAGE && turn.event() != null && !turn.event().standby();
    Owner before = turn.owner();
    String text = turn.text();
    if (customerWrote && concierge != null) {
      concierge.customerReplied(turn.recipient(), text);
    }
    if (!customerWrote || !before.isBot()) {
      chain.proceed(turn);
      return;
    }
    String language = Languages.guess(text);
    Optional<HandoffReason> words = desk.triggerWords(text);
    if (words.isPresent()) {
      handOff(turn, words.get(), text, language);
      return;
    }
    notUnderstood.remove();
    try {
      chain.proceed(turn);
      if (!turn.owner().isBot()) {
        desk.recordHandOff(turn.recipient(), HandoffReason.BOT_DECIDED, text, slots(turn), language);
        return;
      }
      Optional<HandoffReason> lost = desk.recordUnderstanding(turn.recipient(), notUnderstood.get() == null);
      if (lost.isPresent()) {
        handOff(turn, lost.get(), text, language);
      }
    } finally {
      notUnderstood.remove();
    }
  }

  private void handOff(Turn turn, HandoffReason reason, String text, String language) {
    turn.handOff(HandoffDesk.QUEUE_OWNER, reason.description());
    turn.reply(HandoffDesk.handOffText(language));
    desk.recordHandOff(turn.recipient(), reason, text, slots(turn), language);
  }

  private static Map<String, String> slots(Turn turn) {
    Map<String, String> slots = new LinkedHashMap<>();
    turn.memory().asMap().forEach((name, value) -> slots.put(name, String.valueOf(value)));
    turn.slots().asMap().forEach((name, value) -> slots.put(name, String.valueOf(value)));
    return slots;
  }

  @Override
  public String toString() {
    return "HandoffMiddleware[" + desk + "]";
  }
}
