package dev.parley.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Something the customer can ask at any point, even in the middle of a flow's question: help, cancel,
 * start over, talk to a human, or your own. It is recognised by the recognizer's intent of the same
 * name, by a quick-reply or postback payload, or by a phrase (compared without case and accents).
 * After help and custom global intents the interrupted flow resumes: its question is asked again.
 *
 * <pre>{@code
 * Bot.builder()
 *     .globalIntent(GlobalIntent.help("I can book a table or track an order."))
 *     .globalIntent(GlobalIntent.cancel("Alright, I dropped that."))
 *     .globalIntent(GlobalIntent.talkToHuman("I'm getting a colleague for you.").matching("human", "agent", "HUMAN"))
 *     .globalIntent(GlobalIntent.of("opening_hours", turn -> turn.reply("We open 9am to 6pm.")))
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class GlobalIntent {

  /** What a global intent does to the flow it interrupts. */
  enum Effect {
    /** Runs its handler, then the flow asks its question again. */
    RESUME,
    /** Cancels every running flow. */
    CANCEL,
    /** Restarts the outermost running flow from its first step with empty slots. */
    START_OVER,
    /** Hands the conversation to a human; the flow resumes when it is handed back. */
    HUMAN
  }

  private final String name;
  private final Effect effect;
  private final TurnHandler handler;
  private final List<String> phrases;

  private GlobalIntent(String name, Effect effect, TurnHandler handler, List<String> phrases) {
    this.name = name;
    this.effect = effect;
    this.handler = handler;
    this.phrases = List.copyOf(phrases);
  }

  /** Says {@code text}, then the interrupted flow resumes. Phrases: help, aide, ?, HELP. */
  public static GlobalIntent help(String text) {
    return new GlobalIntent("help", Effect.RESUME, say(text), List.of("help", "aide", "?", "HELP", "menu"));
  }

  /** Cancels every running flow and says {@code text}. Phrases: cancel, annuler, stop, CANCEL. */
  public static GlobalIntent cancel(String text) {
    return new GlobalIntent("cancel", Effect.CANCEL, say(text), List.of("cancel", "annuler", "stop", "CANCEL"));
  }

  /**
   * Says {@code text} and restarts the outermost running flow from its first step, slots emptied.
   * Phrases: start over, restart, recommencer, START_OVER.
   */
  public static GlobalIntent startOver(String text) {
    return new GlobalIntent("start_over", Effect.START_OVER, say(text),
        List.of("start over", "restart", "recommencer", "START_OVER"));
  }

  /**
   * Says {@code text} and hands the conversation to a human (the bot's {@linkplain
   * Bot.Builder#handoffOwner handoff owner}); the bot is silent until it is handed back, and then the
   * interrupted flow resumes. Phrases: human, agent, talk to a human, un humain, conseiller, HUMAN.
   */
  public static GlobalIntent talkToHuman(String text) {
    return new GlobalIntent("human", Effect.HUMAN, say(text),
        List.of("human", "agent", "talk to a human", "un humain", "conseiller", "HUMAN"));
  }

  /** Your own: runs {@code handler}, then the interrupted flow resumes. Recognised by intent {@code name} only, unless {@link #matching}. */
  public static GlobalIntent of(String name, TurnHandler handler) {
    return new GlobalIntent(Flow.requireName("global intent name", name), Effect.RESUME,
        Objects.requireNonNull(handler, "handler"), List.of());
  }

  /** The same intent recognised by these phrases and payloads instead of the default ones (its intent name still counts). */
  public GlobalIntent matching(String... phrasesOrPayloads) {
    List<String> list = new ArrayList<>();
    for (String phrase : phrasesOrPayloads) {
      list.add(Flow.requireName("global intent phrase", phrase));
    }
    return new GlobalIntent(name, effect, handler, list);
  }

  /** Its name, which is also the recognizer intent that triggers it. */
  public String name() {
    return name;
  }

  /** The phrases and payloads that trigger it. */
  public List<String> phrases() {
    return phrases;
  }

  Effect effect() {
    return effect;
  }

  TurnHandler handler() {
    return handler;
  }

  private static TurnHandler say(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a global intent needs the text it answers with");
    }
    return turn -> turn.reply(text);
  }

  @Override
  public String toString() {
    return "GlobalIntent[" + name + ", " + effect + ", phrases " + phrases + "]";
  }
}
