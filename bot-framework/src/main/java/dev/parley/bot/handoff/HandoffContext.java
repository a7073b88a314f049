package dev.parley.bot.handoff;

import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.StoredMessage;
import java.util.List;
import java.util.Objects;

/**
 * Everything an agent needs to pick a conversation up without asking the customer to repeat
 * themselves: the handoff (reason, slots), the customer, the recent transcript, the orders with
 * their payment states and the concierge tasks. Values, thread-safe.
 *
 * @param handoff why and since when people have it, with the bot's slots
 * @param customer who the customer is
 * @param transcript the most recent messages, oldest first
 * @param orders the customer's orders, newest first
 * @param tasks the customer's concierge tasks, oldest first
 */
public record HandoffContext(Handoff handoff, Customer customer, List<StoredMessage> transcript,
    List<CustomerOrder> orders, List<ConciergeTask> tasks) {

  public HandoffContext {
    Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(customer, "customer");
    transcript = List.copyOf(transcript);
    orders = List.copyOf(orders);
    tasks = List.copyOf(tasks);
  }
}
