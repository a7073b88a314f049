package dev.parley.bot;

import dev.parley.bot.nlu.IntentRecognizer;
import dev.parley.bot.nlu.Understanding;
import dev.parley.core.Recipient;
import dev.parley.core.SenderAction;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutable side of one turn: the conversation's loaded data and every change the turn asks for
 * (state, owner, reminders, flow moves), applied by {@link TurnCommit} once the handlers are done.
 * Used by the turn's thread only.
 */
final class TurnContext {
  static final int MAX_REPLIES = 20;
  private static final Logger log = LoggerFactory.getLogger(TurnContext.class);

  /** A reminder to schedule (at != null) or cancel (at == null). */
  record ReminderChange(String name, Instant at, String data) {}

  /** A flow move asked for by a handler, applied by the flow runner once the handler returns. */
  sealed interface FlowRequest {
    record Start(String flow) implements FlowRequest {}

    record GoTo(String step) implements FlowRequest {}

    record End() implements FlowRequest {}

    record CancelAll() implements FlowRequest {}
  }

  private final BotSettings settings;
  private final Conversation conversation;
  private final Instant now;
  final ConversationData data;
  final List<ReminderChange> reminders = new ArrayList<>();
  final List<FlowRequest> flowRequests = new ArrayList<>();
  private Customer customer;
  private Owner owner;
  Owner newOwner;
  String ownerReason;
  boolean silenced;
  private Understanding understanding;
  private boolean understood;

  TurnContext(BotSettings settings, Conversation conversation, ConversationData data, Instant now) {
    this.settings = settings;
    this.conversation = conversation;
    this.data = data;
    this.now = now;
    this.owner = conversation.owner();
  }

  BotSettings settings() {
    return settings;
  }

  Recipient recipient() {
    return conversation.recipient();
  }

  Conversation conversation() {
    return conversation;
  }

  Instant now() {
    return now;
  }

  Customer customer() {
    if (customer == null) {
      customer = settings.store().findCustomerById(conversation.customerId())
          .orElseGet(() -> settings.store().customer(conversation.recipient()));
    }
    return customer;
  }

  /** The recognizer's reading of {@code text}, asked once per turn; null without a recognizer or text. */
  Understanding understanding(String text) {
    if (!understood) {
      understood = true;
      IntentRecognizer recognizer = settings.recognizer();
      if (recognizer != null && text != null && !text.isBlank()) {
        Locale hint = data.language == null ? null : Locale.forLanguageTag(data.language);
        understanding = recognizer.recognize(text, hint);
        if (understanding != null && !understanding.isUnknown()) {
          data.language = understanding.language().toLanguageTag();
        }
      }
    }
    return understanding;
  }

  /** The language of the customer's message if the recognizer told it, otherwise of their last understood one. */
  Locale language() {
    if (understanding != null) {
      return understanding.language();
    }
    return data.language == null ? null : Locale.forLanguageTag(data.language);
  }

  Owner owner() {
    return owner;
  }

  List<StoredMessage> history(int limit) {
    return settings.store().history(conversation.customerId(), Long.MAX_VALUE, limit).messages();
  }

  Slots slots() {
    ConversationData.Frame top = data.top();
    return new Slots(top == null ? data.memory : top.slots);
  }

  Slots memory() {
    return new Slots(data.memory);
  }

  String activeFlow() {
    ConversationData.Frame top = data.top();
    return top == null ? null : top.flow;
  }

  void senderAction(SenderAction action) {
    try {
      settings.senderActions().send(recipient(), action).whenComplete((ignored, failure) -> {
        if (failure != null) {
          log.debug("sender action {} to {} failed: {}", action.kind(), recipient().key(), failure.toString());
        }
      });
    } catch (RuntimeException e) {
      log.debug("sender action {} to {} failed: {}", action.kind(), recipient().key(), e.toString());
    }
  }

  void requestStartFlow(String flow) {
    if (!settings.flows().containsKey(flow)) {
      throw new IllegalArgumentException("no flow named '" + flow + "'; the bot has " + settings.flows().keySet());
    }
    flowRequests.add(new FlowRequest.Start(flow));
  }

  void requestGoTo(String step) {
    if (data.top() == null) {
      throw new IllegalStateException("goTo('" + step + "') outside a flow: no flow is running");
    }
    settings.flows().get(data.top().flow).indexOf(step);
    flowRequests.add(new FlowRequest.GoTo(step));
  }

  void requestEndFlow() {
    flowRequests.add(new FlowRequest.End());
  }

  void requestCancelFlows() {
    flowRequests.add(new FlowRequest.CancelAll());
  }

  List<FlowRequest> takeFlowRequests() {
    List<FlowRequest> taken = List.copyOf(flowRequests);
    flowRequests.clear();
    return taken;
  }

  void scheduleReminder(String name, Instant at, String data) {
    reminders.add(new ReminderChange(name, at, data));
  }

  void cancelReminder(String name) {
    reminders.add(new ReminderChange(name, null, null));
  }

  void requestOwner(Owner owner, String reason) {
    Owner target = owner == null ? settings.handoffOwner() : owner;
    this.newOwner = target;
    this.ownerReason = reason == null ? "" : reason;
    this.owner = target;
  }
}
