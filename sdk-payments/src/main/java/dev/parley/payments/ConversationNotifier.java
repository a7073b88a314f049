package dev.parley.payments;

import java.util.Objects;

/**
 * {@link CustomerNotifier} writing {@link PaymentMessages} into the customer's conversation through
 * a {@link CustomerNotifier.MessageSink} (the outbox), under the outcome's dedup key. Thread-safe
 * when the sink is.
 */
final class ConversationNotifier implements CustomerNotifier {
  private final PaymentMessages messages;
  private final MessageSink sink;

  ConversationNotifier(PaymentMessages messages, MessageSink sink) {
    this.messages = Objects.requireNonNull(messages, "messages");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void sendReceipt(PaymentEvent.Paid paid, String dedupKey) {
    sink.enqueue(paid.order().customer(), messages.receipt(paid), dedupKey);
  }

  @Override
  public void sendFreshLink(PaymentEvent reason, PaymentLink freshLink, String dedupKey) {
    sink.enqueue(reason.order().customer(), messages.freshLink(reason, freshLink), dedupKey);
  }

  @Override
  public void sendRefundConfirmation(PaymentEvent.Refunded refunded, String dedupKey) {
    sink.enqueue(refunded.order().customer(), messages.refundConfirmation(refunded), dedupKey);
  }
}
