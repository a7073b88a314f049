package dev.parley.payments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the default listener asked to tell customers, in order. Thread-safe. */
final class RecordingNotifier implements CustomerNotifier {
  record Sent(String kind, String dedupKey, PaymentEvent event, PaymentLink link) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();

  @Override
  public void sendReceipt(PaymentEvent.Paid paid, String dedupKey) {
    sent.add(new Sent("receipt", dedupKey, paid, null));
  }

  @Override
  public void sendFreshLink(PaymentEvent reason, PaymentLink freshLink, String dedupKey) {
    sent.add(new Sent("fresh-link", dedupKey, reason, freshLink));
  }

  @Override
  public void sendRefundConfirmation(PaymentEvent.Refunded refunded, String dedupKey) {
    sent.add(new Sent("refund-confirmation", dedupKey, refunded, null));
  }
}
