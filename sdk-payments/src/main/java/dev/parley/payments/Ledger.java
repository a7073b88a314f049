package dev.parley.payments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The working copy of one order's payment records inside a store transaction: the order, its
 * payment state and its refunds. Decisions read and change it; the store writes back what changed.
 * Confined to the transaction's thread.
 */
final class Ledger {
  private Order order;
  private PaymentState state;
  private final List<RefundEntry> refunds;
  private final boolean existed;
  private boolean orderChanged;
  private boolean stateChanged;
  private final Set<String> newRefunds = new HashSet<>();
  private final Set<String> changedRefunds = new HashSet<>();

  Ledger(Order order, PaymentState state, List<RefundEntry> refunds) {
    this.order = order;
    this.state = state;
    this.refunds = new ArrayList<>(refunds);
    this.existed = state != null;
  }

  /** A refund and whether the customer was already told about its outcome. */
  record RefundEntry(IssuedRefund refund, boolean announced) {}

  Optional<Order> order() {
    return Optional.ofNullable(order);
  }

  Optional<PaymentState> state() {
    return Optional.ofNullable(state);
  }

  void putOrder(Order next) {
    order = next;
    orderChanged = true;
  }

  void putState(PaymentState next) {
    state = next;
    stateChanged = true;
  }

  List<RefundEntry> refunds() {
    return List.copyOf(refunds);
  }

  Optional<RefundEntry> refundByRequest(String requestId) {
    return refunds.stream().filter(r -> r.refund().requestId().equals(requestId)).findFirst();
  }

  Optional<RefundEntry> refundById(String refundId) {
    return refunds.stream().filter(r -> refundId.equals(r.refund().refundId())).findFirst();
  }

  void addRefund(RefundEntry entry) {
    refunds.add(entry);
    newRefunds.add(entry.refund().requestId());
  }

  void replaceRefund(RefundEntry entry) {
    String requestId = entry.refund().requestId();
    for (int i = 0; i < refunds.size(); i++) {
      if (refunds.get(i).refund().requestId().equals(requestId)) {
        refunds.set(i, entry);
        if (!newRefunds.contains(requestId)) {
          changedRefunds.add(requestId);
        }
        return;
      }
    }
    throw new IllegalStateException("no refund " + requestId + " on order " + (state == null ? "?" : state.orderId()));
  }

  boolean existed() {
    return existed;
  }

  boolean orderChanged() {
    return orderChanged;
  }

  boolean stateChanged() {
    return stateChanged;
  }

  boolean isNewRefund(String requestId) {
    return newRefunds.contains(requestId);
  }

  boolean isChangedRefund(String requestId) {
    return changedRefunds.contains(requestId);
  }
}
