package dev.parley.bot;

import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.webhook.InboundEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The innermost handler of every turn. For a customer's message or tap: a global intent first, then
 * the answer to the waiting question of a flow, then payload handlers, flow triggers, intent
 * handlers, event handlers, and the fallback. Reminders go to the flow or to their handler; a
 * hand-back to its handler, then the interrupted flow resumes.
 */
final class Router implements TurnHandler {
  static final String NOT_UNDERSTOOD = "Sorry, I did not understand that.";
  /** Says it did not understand and, when the bot can hand over to a human, offers one. */
  static final TurnHandler DEFAULT_FALLBACK = turn -> {
    if (turn.trigger() != Turn.Trigger.MESSAGE && turn.trigger() != Turn.Trigger.TAP) {
      return;
    }
    if (turn.context().settings().globalIntents().containsKey("human")) {
      turn.reply(QuickReplies.of(NOT_UNDERSTOOD, new QuickReply("Talk to a human", "human")));
    } else {
      turn.reply(NOT_UNDERSTOOD);
    }
  };
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  private final BotSettings settings;
  private final FlowRunner flows;

  Router(BotSettings settings, FlowRunner flows) {
    this.settings = settings;
    this.flows = flows;
  }

  @Override
  public void handle(Turn turn) {
    switch (turn.trigger()) {
      case MESSAGE, TAP -> input(turn);
      case REMINDER -> reminder(turn);
      case HANDED_BACK -> {
        if (settings.handBackHandler() != null) {
          run(turn, settings.handBackHandler());
        }
        flows.resume(turn);
      }
      case EVENT -> {
        TurnHandler handler = eventHandler(turn.event());
        if (handler != null) {
          run(turn, handler);
        }
      }
    }
  }

  private void input(Turn turn) {
    GlobalIntent global = globalIntent(turn);
    if (global != null) {
      interrupt(turn, global);
      return;
    }
    if (flows.waiting(turn)) {
      flows.answer(turn);
      return;
    }
    String payload = turn.payload();
    if (payload != null && settings.payloadHandlers().containsKey(payload)) {
      run(turn, settings.payloadHandlers().get(payload));
      return;
    }
    Flow triggered = triggeredFlow(turn);
    if (triggered != null) {
      flows.start(turn, triggered.name());
      return;
    }
    String intent = Understandings.intent(turn);
    if (intent != null && settings.intentHandlers().containsKey(intent)) {
      run(turn, settings.intentHandlers().get(intent));
      return;
    }
    TurnHandler handler = eventHandler(turn.event());
    run(turn, handler != null ? handler : settings.fallback());
  }

  private void interrupt(Turn turn, GlobalIntent global) {
    TurnContext context = turn.context();
    switch (global.effect()) {
      case CANCEL -> {
        flows.cancelAll(context);
        global.handler().handle(turn);
        flows.run(turn);
      }
      case START_OVER -> {
        global.handler().handle(turn);
        flows.startOver(turn);
      }
      case HUMAN -> {
        global.handler().handle(turn);
        turn.handOff("customer asked for a human");
      }
      case RESUME -> {
        global.handler().handle(turn);
        if (!context.flowRequests.isEmpty()) {
          flows.run(turn);
        } else {
          flows.reask(turn, true);
        }
      }
    }
  }

  private void run(Turn turn, TurnHandler handler) {
    handler.handle(turn);
    flows.run(turn);
  }

  private void reminder(Turn turn) {
    String name = turn.reminder().name();
    if (Reminders.FLOW_INACTIVE.equals(name) || Reminders.FLOW_TIMEOUT.equals(name)) {
      flows.onFlowReminder(turn);
      return;
    }
    TurnHandler handler = settings.reminderHandlers().get(name);
    if (handler == null) {
      log.warn("reminder '{}' of {} fired but the bot has no handler for it; add Bot.Builder.onReminder(\"{}\", ...)",
          name, turn.recipient().key(), name);
      return;
    }
    run(turn, handler);
  }

  private GlobalIntent globalIntent(Turn turn) {
    String payload = turn.payload();
    String folded = Phrases.fold(turn.text());
    for (GlobalIntent global : settings.globalIntents().values()) {
      if (global.name().equals(payload)) {
        return global;
      }
      for (String phrase : global.phrases()) {
        if (phrase.equals(payload) || (!folded.isEmpty() && Phrases.fold(phrase).equals(folded))) {
          return global;
        }
      }
    }
    if (turn.trigger() != Turn.Trigger.MESSAGE) {
      return null; // a tap says what it means through its payload: no need to ask the recognizer
    }
    String intent = Understandings.intent(turn);
    return intent == null ? null : settings.globalIntents().get(intent);
  }

  private Flow triggeredFlow(Turn turn) {
    String payload = turn.payload();
    String folded = Phrases.fold(turn.text());
    String intent = null;
    boolean intentAsked = false;
    for (Flow flow : settings.flows().values()) {
      for (String trigger : flow.triggers()) {
        if (trigger.equals(payload) || (!folded.isEmpty() && Phrases.fold(trigger).equals(folded))) {
          return flow;
        }
      }
    }
    for (Flow flow : settings.flows().values()) {
      if (flow.triggers().isEmpty()) {
        continue;
      }
      if (!intentAsked) {
        intent = Understandings.intent(turn);
        intentAsked = true;
      }
      if (intent != null && flow.triggers().contains(intent)) {
        return flow;
      }
    }
    return null;
  }

  private TurnHandler eventHandler(InboundEvent event) {
    if (event == null) {
      return null;
    }
    for (Map.Entry<Class<? extends InboundEvent>, TurnHandler> entry : settings.eventHandlers().entrySet()) {
      if (entry.getKey().isInstance(event)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
