package dev.parley.bot.agent.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.parley.bot.agent.AgentAction;
import dev.parley.bot.agent.ConversationView;
import dev.parley.bot.agent.QueueEntry;
import dev.parley.bot.agent.TranscriptMessage;
import dev.parley.bot.agent.TranscriptPage;
import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.bot.concierge.TaskEvent;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.handoff.Handoff;
import dev.parley.core.Money;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The agent API's JSON shapes, as {@code bot-framework/INBOX_API.md} documents them. Public for
 * wiring inside the bot framework only; not an API. Stateless, thread-safe.
 */
public final class AgentJson {
  private AgentJson() {}

  public static JsonObject queueEntry(QueueEntry entry) {
    JsonObject json = new JsonObject();
    json.addProperty("id", entry.id());
    json.addProperty("channel", lower(entry.channel().name()));
    JsonObject customer = new JsonObject();
    customer.addProperty("id", entry.customerId());
    customer.addProperty("name", entry.customerName());
    json.add("customer", customer);
    json.addProperty("status", entry.status().wireName());
    json.addProperty("reason", entry.reason() == null ? null : entry.reason().wireName());
    json.addProperty("reasonText", entry.reason() == null ? null : entry.reason().description());
    json.addProperty("detail", entry.detail());
    json.addProperty("waitingSince", time(entry.waitingSince()));
    json.addProperty("unread", entry.unread());
    json.addProperty("agent", entry.agent());
    json.addProperty("lastMessage", entry.lastMessage());
    json.addProperty("lastMessageAt", time(entry.lastMessageAt()));
    return json;
  }

  public static JsonObject conversation(ConversationView view) {
    JsonObject json = new JsonObject();
    json.addProperty("id", view.id());
    json.addProperty("channel", lower(view.channel().name()));
    json.add("customer", customer(view.customer()));
    json.add("owner", owner(view.owner()));
    json.add("handoff", handoff(view.handoff()));
    JsonObject window = new JsonObject();
    window.addProperty("lastInboundAt", time(view.lastInboundAt()));
    window.addProperty("open", view.windowOpen());
    window.addProperty("humanAgentOpen", view.humanAgentWindowOpen());
    json.add("window", window);
    json.add("orders", array(view.orders(), AgentJson::order));
    json.add("tasks", array(view.tasks(), AgentJson::task));
    json.addProperty("paymentsEnabled", view.paymentsEnabled());
    return json;
  }

  static JsonObject customer(Customer customer) {
    JsonObject json = new JsonObject();
    json.addProperty("id", customer.id());
    json.addProperty("name", customer.profile().name());
    json.addProperty("email", customer.profile().email());
    json.addProperty("phone", customer.profile().phone());
    json.addProperty("pictureUrl", customer.profile().pictureUrl());
    json.add("identities", array(customer.identities(), r -> new com.google.gson.JsonPrimitive(r.key())));
    return json;
  }

  static JsonObject owner(Owner owner) {
    JsonObject json = new JsonObject();
    boolean queue = owner.equals(dev.parley.bot.handoff.HandoffDesk.QUEUE_OWNER);
    json.addProperty("kind", queue ? "queue" : lower(owner.kind().name()));
    json.addProperty("agent", queue ? null : owner.agentName());
    return json;
  }

  static JsonObject handoff(Handoff handoff) {
    JsonObject json = new JsonObject();
    json.addProperty("status", handoff.status().wireName());
    json.addProperty("reason", handoff.reason() == null ? null : handoff.reason().wireName());
    json.addProperty("reasonText", handoff.reason() == null ? null : handoff.reason().description());
    json.addProperty("detail", handoff.detail());
    json.addProperty("requestedAt", time(handoff.requestedAt()));
    json.addProperty("agent", handoff.agent());
    json.addProperty("claimedAt", time(handoff.claimedAt()));
    json.addProperty("lastActivityAt", time(handoff.lastActivityAt()));
    json.addProperty("unread", handoff.unread());
    json.addProperty("language", handoff.language());
    JsonObject slots = new JsonObject();
    handoff.slots().forEach(slots::addProperty);
    json.add("slots", slots);
    return json;
  }

  public static JsonObject transcript(TranscriptPage page) {
    JsonObject json = new JsonObject();
    json.add("messages", array(page.messages(), AgentJson::message));
    json.addProperty("hasOlder", page.hasOlder());
    json.addProperty("olderCursor", page.olderCursor());
    return json;
  }

  public static JsonObject message(TranscriptMessage message) {
    JsonObject json = new JsonObject();
    json.addProperty("id", message.id());
    json.addProperty("author", message.author());
    json.addProperty("agent", message.agentName());
    json.addProperty("text", message.text());
    json.addProperty("at", time(message.at()));
    json.addProperty("status", message.status());
    json.addProperty("channel", lower(message.channel().name()));
    json.add("attachments", array(message.attachments(), a -> {
      JsonObject attachment = new JsonObject();
      attachment.addProperty("type", a.type());
      attachment.addProperty("url", a.url());
      attachment.addProperty("name", a.name());
      return attachment;
    }));
    return json;
  }

  public static JsonObject task(ConciergeTask task) {
    JsonObject json = new JsonObject();
    json.addProperty("number", task.number());
    json.addProperty("label", task.label());
    json.addProperty("conversationId", task.conversation().key());
    json.addProperty("customerId", task.customerId());
    json.addProperty("kind", task.kind().wireName());
    json.addProperty("status", task.status().wireName());
    json.addProperty("assignee", task.assignee());
    json.addProperty("outcome", task.outcome());
    json.addProperty("language", task.language());
    json.addProperty("createdAt", time(task.createdAt()));
    json.addProperty("updatedAt", time(task.updatedAt()));
    json.add("slots", slots(task.slots()));
    json.add("history", array(task.history(), AgentJson::event));
    return json;
  }

  static JsonObject slots(TaskSlots slots) {
    JsonObject json = new JsonObject();
    json.addProperty("what", slots.what());
    json.addProperty("when", slots.when());
    json.addProperty("where", slots.where());
    json.addProperty("forWhom", slots.forWhom());
    json.add("budget", money(slots.budget()));
    json.addProperty("notes", slots.notes());
    return json;
  }

  static JsonObject event(TaskEvent event) {
    JsonObject json = new JsonObject();
    json.addProperty("sequence", event.sequence());
    json.addProperty("at", time(event.at()));
    json.addProperty("actor", event.actor());
    json.addProperty("change", event.change().wireName());
    json.addProperty("status", event.status().wireName());
    json.addProperty("text", event.text());
    json.addProperty("customerInformed", event.change().informsCustomer());
    return json;
  }

  public static JsonObject order(CustomerOrder order) {
    JsonObject json = new JsonObject();
    json.addProperty("orderId", order.orderId());
    json.addProperty("description", order.description());
    json.add("total", money(order.total()));
    json.addProperty("paymentState", order.paymentState());
    json.add("refunded", money(order.refunded()));
    json.add("refundable", money(order.refundable()));
    json.addProperty("paymentUrl", order.paymentUrl());
    json.addProperty("updatedAt", time(order.updatedAt()));
    return json;
  }

  public static JsonObject paymentLink(PaymentLink link) {
    JsonObject json = new JsonObject();
    json.addProperty("orderId", link.orderId());
    json.addProperty("url", link.url());
    json.add("amount", money(link.amount()));
    json.addProperty("expiresAt", time(link.expiresAt()));
    return json;
  }

  public static JsonObject refund(RefundReceipt refund) {
    JsonObject json = new JsonObject();
    json.addProperty("refundId", refund.refundId());
    json.addProperty("orderId", refund.orderId());
    json.add("amount", money(refund.amount()));
    json.addProperty("status", refund.status());
    return json;
  }

  public static JsonObject action(AgentAction action) {
    JsonObject json = new JsonObject();
    json.addProperty("id", action.id());
    json.addProperty("at", time(action.at()));
    json.addProperty("agent", action.agent());
    json.addProperty("action", action.action());
    json.addProperty("target", action.target());
    json.addProperty("detail", action.detail());
    return json;
  }

  /** {@code {"amount":"42.00","currency":"EUR","minorUnits":4200,"formatted":"€42.00"}}, or null. */
  public static JsonElement money(Money money) {
    if (money == null) {
      return JsonNull.INSTANCE;
    }
    JsonObject json = new JsonObject();
    json.addProperty("amount", money.toDecimal().toPlainString());
    json.addProperty("currency", money.currencyCode());
    json.addProperty("minorUnits", money.minorUnits());
    json.addProperty("formatted", money.format(Locale.UK));
    return json;
  }

  public static <T> JsonArray array(List<T> items, Function<T, ? extends JsonElement> mapper) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(mapper.apply(item)));
    return array;
  }

  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
