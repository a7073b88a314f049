package dev.parley.payments;

import dev.parley.core.Recipient;
import dev.parley.core.message.Message;

/**
 * Tells the customer, in their conversation, what happened to their payment. The default
 * {@link PaymentListener} from {@link CheckoutButtons#notifyCustomers(CustomerNotifier)} calls it;
 * an implementation puts the message in the outbox under {@code dedupKey}, which is the same every
 * time the same outcome is delivered, so the customer hears of it exactly once.
 *
 * <p>Implementations must be thread-safe and should enqueue rather than send.
 */
public interface CustomerNotifier {

  /**
   * The notifier that writes {@code messages} (receipt, fresh button, refund confirmation) into the
   * customer's conversation through {@code sink}, typically {@code outbox::enqueue}.
   */
  static CustomerNotifier toConversation(PaymentMessages messages, MessageSink sink) {
    return new ConversationNotifier(messages, sink);
  }

  /**
   * Where customer messages go: the outbox, which delivers them at least once and drops a second
   * message with the same {@code dedupKey}. Must be durable when it returns, and thread-safe.
   */
  @FunctionalInterface
  interface MessageSink {
    void enqueue(Recipient recipient, Message message, String dedupKey);
  }

  /** The order is paid: send the receipt. {@code dedupKey} is {@code paid:cs_...}. */
  void sendReceipt(PaymentEvent.Paid paid, String dedupKey);

  /**
   * The payment page expired or the payment failed ({@code reason} is the {@link PaymentEvent.Expired}
   * or {@link PaymentEvent.Failed}): offer {@code freshLink}. {@code dedupKey} is
   * {@code expired:cs_...} or {@code failed:cs_...}.
   */
  void sendFreshLink(PaymentEvent reason, PaymentLink freshLink, String dedupKey);

  /** Stripe confirmed a refund: confirm it to the customer. {@code dedupKey} is {@code refunded:re_...}. */
  void sendRefundConfirmation(PaymentEvent.Refunded refunded, String dedupKey);
}
