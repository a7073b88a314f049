package dev.parley.bot;

import dev.parley.bot.nlu.IntentRecognizer;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.outbox.OutboxDelivery;
import dev.parley.core.webhook.InboundEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checked, frozen configuration of one {@link Bot}. */
final class BotSettings {
  private final ConversationStore store;
  private final Outbox givenOutbox;
  private final OutboxDelivery sender;
  private final SenderActions senderActions;
  private final IntentRecognizer recognizer;
  private final Clock clock;
  private final ZoneId zone;
  private final int workers;
  private final Duration reminderPollInterval;
  private final Duration outboxPollInterval;
  private final Duration shutdownGrace;
  private final Owner handoffOwner;
  private final List<Middleware> middleware;
  private final Map<String, Flow> flows;
  private final Map<String, GlobalIntent> globalIntents;
  private final Map<String, TurnHandler> intentHandlers;
  private final Map<String, TurnHandler> payloadHandlers;
  private final Map<Class<? extends InboundEvent>, TurnHandler> eventHandlers;
  private final Map<String, TurnHandler> reminderHandlers;
  private final TurnHandler handBackHandler;
  private final TurnHandler fallback;

  BotSettings(Bot.Builder builder) {
    this.store = builder.store;
    this.givenOutbox = builder.outbox;
    this.sender = builder.sender;
    this.senderActions = builder.senderActions;
    this.recognizer = builder.recognizer;
    this.clock = builder.clock;
    this.zone = builder.zone;
    this.workers = builder.workers;
    this.reminderPollInterval = builder.reminderPollInterval;
    this.outboxPollInterval = builder.outboxPollInterval;
    this.shutdownGrace = builder.shutdownGrace;
    this.handoffOwner = builder.handoffOwner;
    List<Middleware> chain = new ArrayList<>(builder.middleware);
    if (!chain.contains(Middleware.ownerCheck())) {
      chain.add(Middleware.ownerCheck());
    }
    this.middleware = List.copyOf(chain);
    this.flows = Map.copyOf(builder.flows);
    this.globalIntents = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(builder.globalIntents));
    this.intentHandlers = Map.copyOf(builder.intentHandlers);
    this.payloadHandlers = Map.copyOf(builder.payloadHandlers);
    this.eventHandlers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(builder.eventHandlers));
    this.reminderHandlers = Map.copyOf(builder.reminderHandlers);
    this.handBackHandler = builder.handBackHandler;
    this.fallback = builder.fallback;
  }

  static void checkFlows(Map<String, Flow> flows) {
    Map<String, String> triggerOwners = new HashMap<>();
    for (Flow flow : flows.values()) {
      for (FlowStep step : flow.steps()) {
        if (step instanceof FlowStep.SubFlow sub && !flows.containsKey(sub.flow())) {
          throw new IllegalStateException("flow '" + flow.name() + "' runs sub-flow '" + sub.flow()
              + "', which was not added to the bot; flows: " + flows.keySet());
        }
      }
      for (String trigger : flow.triggers()) {
        String folded = Phrases.fold(trigger);
        String other = triggerOwners.putIfAbsent(folded, flow.name());
        if (other != null && !other.equals(flow.name())) {
          throw new IllegalStateException("flows '" + other + "' and '" + flow.name() + "' are both triggered by '"
              + trigger + "'");
        }
      }
    }
  }

  ConversationStore store() {
    return store;
  }

  Outbox givenOutbox() {
    return givenOutbox;
  }

  OutboxDelivery sender() {
    return sender;
  }

  SenderActions senderActions() {
    return senderActions;
  }

  IntentRecognizer recognizer() {
    return recognizer;
  }

  Clock clock() {
    return clock;
  }

  ZoneId zone() {
    return zone;
  }

  int workers() {
    return workers;
  }

  Duration reminderPollInterval() {
    return reminderPollInterval;
  }

  Duration outboxPollInterval() {
    return outboxPollInterval;
  }

  Duration shutdownGrace() {
    return shutdownGrace;
  }

  Owner handoffOwner() {
    return handoffOwner;
  }

  List<Middleware> middleware() {
    return middleware;
  }

  Map<String, Flow> flows() {
    return flows;
  }

  Map<String, GlobalIntent> globalIntents() {
    return globalIntents;
  }

  Map<String, TurnHandler> intentHandlers() {
    return intentHandlers;
  }

  Map<String, TurnHandler> payloadHandlers() {
    return payloadHandlers;
  }

  Map<Class<? extends InboundEvent>, TurnHandler> eventHandlers() {
    return eventHandlers;
  }

  Map<String, TurnHandler> reminderHandlers() {
    return reminderHandlers;
  }

  TurnHandler handBackHandler() {
    return handBackHandler;
  }

  TurnHandler fallback() {
    return fallback;
  }
}
