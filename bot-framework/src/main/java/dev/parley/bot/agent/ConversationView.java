package dev.parley.bot.agent;

import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.handoff.Handoff;
import dev.parley.core.Channel;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A conversation as an agent opens it: the customer, who has it, the handoff with its reason and the
 * bot's slots, the messaging window, the orders with their payment states and the concierge tasks.
 * The transcript comes separately, paged. Values, thread-safe.
 *
 * @param id the conversation id
 * @param channel the channel
 * @param customer the customer and their profile
 * @param owner who answers now
 * @param handoff the handoff record
 * @param lastInboundAt when the customer last wrote, or null
 * @param windowOpen true within 24 hours of the customer's last message: anything may be sent
 * @param humanAgentWindowOpen true within 7 days on Messenger: an agent's reply may still go with
 *     the {@code HUMAN_AGENT} tag
 * @param orders the customer's orders, newest first
 * @param tasks the customer's concierge tasks, oldest first
 * @param paymentsEnabled false when no payment provider is configured
 */
public record ConversationView(String id, Channel channel, Customer customer, Owner owner, Handoff handoff,
    Instant lastInboundAt, boolean windowOpen, boolean humanAgentWindowOpen, List<CustomerOrder> orders,
    List<ConciergeTask> tasks, boolean paymentsEnabled) {

  public ConversationView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(handoff, "handoff");
    orders = List.copyOf(orders);
    tasks = List.copyOf(tasks);
  }
}
