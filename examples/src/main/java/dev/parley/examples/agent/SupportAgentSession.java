package dev.parley.examples.agent;

import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A support agent at work, scripted over the agent API with their token: wait for a conversation
 * the bot handed over, claim it, read it, answer the customer, refund part of their order, complete
 * the concierge task the bot opened, and give the conversation back to the bot. What a person does
 * in the browser inbox, as code.
 *
 * <pre>{@code
 * SupportAgentSession claire = new SupportAgentSession(URI.create("http://localhost:8080"), token);
 * Claimed conversation = claire.awaitInQueue("messenger:1001:ada-psid", Duration.ofSeconds(5));
 * claire.reply(conversation.id(), "Bonjour Ada, je suis Claire. Désolée pour l'écharpe !");
 * claire.refund(conversation.id(), "20.00", "scarf damaged in transit");
 * claire.completeTasks(conversation.id(), "Refunded €20.00 for the damage.");
 * claire.handBack(conversation.id());
 * }</pre>
 *
 * Thread-safe, though an agent does one thing at a time.
 */
public final class SupportAgentSession {
  private final AgentApiClient inbox;

  public SupportAgentSession(URI server, String token) {
    this.inbox = new AgentApiClient(server, token);
  }

  /**
   * A conversation handed to people, claimed by this agent.
   *
   * @param id the conversation id, {@code channel:businessId:userId}
   * @param customerName who the customer is
   * @param reason why the bot handed it over, in words
   * @param transcript the conversation so far, a line per message ("customer: ...")
   */
  public record Claimed(String id, String customerName, String reason, List<String> transcript) {}

  /**
   * A refund the payment provider took.
   *
   * @param refundId the provider's id ({@code re_...})
   * @param orderId the order refunded
   * @param amount the amount, formatted ("€20.00")
   * @param status as the provider answered: usually {@code succeeded} or {@code pending}
   */
  public record Refund(String refundId, String orderId, String amount, String status) {}

  /** Waits until the conversation is in the queue of people, then claims it and reads it. */
  public Claimed awaitInQueue(String conversationId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Optional<JsonObject> waiting = findWaiting(conversationId);
    while (waiting.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("conversation " + conversationId + " did not reach the queue within " + timeout);
      }
      pause();
      waiting = findWaiting(conversationId);
    }
    JsonObject entry = waiting.get();
    String id = AgentApiClient.segment(conversationId);
    inbox.post("conversations/" + id + "/claim", null);
    List<String> transcript = inbox.list("conversations/" + id + "/messages?limit=50", "messages").stream()
        .map(m -> string(m, "author") + ": " + string(m, "text"))
        .toList();
    return new Claimed(conversationId, string(entry.getAsJsonObject("customer"), "name"), string(entry, "reasonText"),
        transcript);
  }

  /** Answers the customer; the send path's policy applies (Messenger's {@code HUMAN_AGENT} tag after 24 h). */
  public void reply(String conversationId, String text) {
    JsonObject body = new JsonObject();
    body.addProperty("text", text);
    inbox.post("conversations/" + AgentApiClient.segment(conversationId) + "/messages", body);
  }

  /** Refunds {@code amount} (a decimal string in the order's currency) of the conversation's newest paid order. */
  public Refund refund(String conversationId, String amount, String reason) {
    String id = AgentApiClient.segment(conversationId);
    JsonObject order = inbox.list("conversations/" + id + "/orders", "orders").stream()
        .filter(o -> List.of("paid", "partly_refunded").contains(o.get("paymentState").getAsString()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("conversation " + conversationId + " has no paid order"));
    String orderId = order.get("orderId").getAsString();
    JsonObject body = new JsonObject();
    body.addProperty("orderId", orderId);
    body.addProperty("amount", amount);
    body.addProperty("currency", order.getAsJsonObject("total").get("currency").getAsString());
    body.addProperty("reason", reason);
    body.addProperty("requestId", "refund-" + orderId + "-" + amount); // the same click never refunds twice
    JsonObject refund = inbox.post("conversations/" + id + "/refunds", body).getAsJsonObject("refund");
    return new Refund(refund.get("refundId").getAsString(), orderId,
        refund.getAsJsonObject("amount").get("formatted").getAsString(), refund.get("status").getAsString());
  }

  /** Completes every open concierge task of the conversation with this outcome; returns their labels ("#1042"). */
  public List<String> completeTasks(String conversationId, String outcome) {
    List<JsonObject> open = inbox.list("tasks", "tasks").stream()
        .filter(t -> t.get("conversationId").getAsString().equals(conversationId))
        .toList();
    JsonObject body = new JsonObject();
    body.addProperty("outcome", outcome);
    for (JsonObject task : open) {
      int number = task.get("number").getAsInt();
      if ("new".equals(task.get("status").getAsString())) {
        inbox.post("tasks/" + number + "/claim", null);
      }
      inbox.post("tasks/" + number + "/complete", body);
    }
    return open.stream().map(t -> t.get("label").getAsString()).toList();
  }

  /** Gives the conversation back to the bot, which resumes its flow or greets the customer. */
  public void handBack(String conversationId) {
    inbox.post("conversations/" + AgentApiClient.segment(conversationId) + "/hand-back", null);
  }

  private Optional<JsonObject> findWaiting(String conversationId) {
    return inbox.list("queue", "conversations").stream()
        .filter(c -> c.get("id").getAsString().equals(conversationId))
        .findFirst();
  }

  /** A string field; the API writes unknown fields as null. */
  private static String string(JsonObject object, String field) {
    return object.has(field) && !object.get(field).isJsonNull() ? object.get(field).getAsString() : "(none)";
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the queue", e);
    }
  }
}
