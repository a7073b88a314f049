package dev.parley.bot.agent;

import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.handoff.Handoff;
import dev.parley.bot.handoff.HandoffContext;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Customer;
import dev.parley.core.conversation.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link AgentApi} shows of a conversation, read from the stores: the {@link QueueEntry} in the
 * agents' lists (with the last message) and the {@link ConversationView} an agent opens, with its
 * messaging windows worked out against the clock. Reads only; thread-safe.
 */
final class ConversationViews {
  /** Anything may be sent within this time of the customer's last message. */
  private static final Duration WINDOW = Duration.ofHours(24);
  /** On Messenger an agent's reply still goes with the {@code HUMAN_AGENT} tag within this time. */
  private static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

  private final ConversationStore conversations;
  private final HandoffDesk handoffs;
  private final PaymentDesk payments;
  private final Clock clock;

  ConversationViews(ConversationStore conversations, HandoffDesk handoffs, PaymentDesk payments, Clock clock) {
    this.conversations = conversations;
    this.handoffs = handoffs;
    this.payments = payments;
    this.clock = clock;
  }

  /** The conversation with its context, as an agent opens it. */
  ConversationView view(Recipient conversation) {
    HandoffContext context = handoffs.context(conversation);
    Conversation stored = conversations.conversation(conversation);
    Instant now = clock.instant();
    Instant last = stored.lastInboundAt();
    boolean window = last != null && last.plus(WINDOW).isAfter(now);
    boolean humanAgent = window || (last != null && conversation.channel() == Channel.MESSENGER
        && last.plus(HUMAN_AGENT_WINDOW).isAfter(now));
    return new ConversationView(conversation.key(), conversation.channel(), context.customer(), stored.owner(),
        context.handoff(), last, window, humanAgent, context.orders(), context.tasks(), payments.enabled());
  }

  /** The hand-offs as the agents' lists show them, in the same order. */
  List<QueueEntry> entries(List<Handoff> handoffList) {
    return handoffList.stream().map(this::entry).toList();
  }

  private QueueEntry entry(Handoff h) {
    Customer customer = conversations.findCustomerById(h.customerId()).orElse(null);
    StoredMessage last = customer == null ? null : lastMessage(customer.id());
    return new QueueEntry(h.id(), h.conversation().channel(), h.customerId(),
        customer == null ? null : customer.profile().name(), h.status(), h.reason(), h.detail(), h.requestedAt(),
        h.unread(), h.agent(), last == null ? null : Transcripts.abbreviate(last.summary(), 200),
        last == null ? null : last.at());
  }

  private StoredMessage lastMessage(String customerId) {
    List<StoredMessage> page = conversations.history(customerId, Long.MAX_VALUE, 1).messages();
    return page.isEmpty() ? null : page.get(0);
  }
}
