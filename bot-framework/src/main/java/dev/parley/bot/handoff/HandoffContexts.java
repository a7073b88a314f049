package dev.parley.bot.handoff;

import dev.parley.bot.concierge.ConciergeTask;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.TaskStore;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Customer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what an agent sees of a conversation: its handoff record, the customer, the last
 * messages, their orders (none when the payment desk fails: the agent still gets the rest) and
 * their concierge tasks. Logs under {@link HandoffDesk}'s logger. Thread-safe.
 */
final class HandoffContexts {
  private static final Logger log = LoggerFactory.getLogger(HandoffDesk.class);
  private static final int TRANSCRIPT = 50;

  private final HandoffRecords records;
  private final ConversationStore conversations;
  private final PaymentDesk payments;
  private final TaskStore tasks;

  /** With {@code tasks} null when the desk has no task store. */
  HandoffContexts(HandoffRecords records, ConversationStore conversations, PaymentDesk payments, TaskStore tasks) {
    this.records = records;
    this.conversations = conversations;
    this.payments = payments;
    this.tasks = tasks;
  }

  HandoffContext context(Recipient conversation) {
    Handoff handoff = records.record(conversation);
    Customer customer = conversations.findCustomerById(handoff.customerId())
        .orElseGet(() -> conversations.customer(conversation));
    List<CustomerOrder> orders;
    try {
      orders = payments.orders(customer.id(), conversation);
    } catch (RuntimeException e) {
      log.warn("orders of {} unavailable: {}", conversation.key(), e.getMessage());
      orders = List.of();
    }
    List<ConciergeTask> customerTasks = tasks == null ? List.of() : tasks.forCustomer(customer.id(), 100);
    return new HandoffContext(handoff, customer,
        conversations.history(customer.id(), Long.MAX_VALUE, TRANSCRIPT).messages(), orders, customerTasks);
  }
}
