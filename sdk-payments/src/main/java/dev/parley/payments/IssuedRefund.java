package dev.parley.payments;

import dev.parley.core.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A refund Parley asked Stripe for, or learned of from Stripe's events.
 *
 * @param refundId Stripe's refund id, {@code re_...}; null while Stripe has not answered
 * @param orderId the order refunded
 * @param requestId the id the caller gave the request (the inbox action), or {@code stripe:re_...}
 *     for a refund made outside Parley
 * @param amount how much goes back
 * @param status where the refund stands
 * @param agent who asked for it, or null for a refund made outside Parley
 * @param requestedAt when it was asked for
 * @param failureReason Stripe's {@code failure_reason} (or the error) when it failed, else null
 */
public record IssuedRefund(
    String refundId,
    String orderId,
    String requestId,
    Money amount,
    Status status,
    String agent,
    Instant requestedAt,
    String failureReason) {

  public IssuedRefund {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }

  /** Where a refund stands; it moves forward only, from top to bottom. */
  public enum Status {
    /** Sent to Stripe without an answer yet (or the answer was lost); the amount stays reserved. */
    REQUESTED(0),
    /** Stripe accepted it; the money is on its way. */
    PENDING(1),
    /** The customer must act before the money can be returned. */
    REQUIRES_ACTION(1),
    /** The money went back. */
    SUCCEEDED(2),
    /** Stripe could not return the money; the amount is refundable again. */
    FAILED(3),
    /** Cancelled before it completed; the amount is refundable again. */
    CANCELED(3);

    private final int rank;

    Status(int rank) {
      this.rank = rank;
    }

    boolean canAdvanceTo(Status next) {
      return next.rank > rank;
    }

    /** True while the amount counts against what is left to refund. */
    public boolean holdsAmount() {
      return this != FAILED && this != CANCELED;
    }

    static Status fromStripe(String status) {
      if (status == null) {
        return PENDING;
      }
      return switch (status) {
        case "succeeded" -> SUCCEEDED;
        case "failed" -> FAILED;
        case "canceled" -> CANCELED;
        case "requires_action" -> REQUIRES_ACTION;
        default -> PENDING;
      };
    }
  }

  IssuedRefund answered(String stripeRefundId, Status next, String reason) {
    Status merged = status.canAdvanceTo(next) ? next : status;
    return new IssuedRefund(refundId == null ? stripeRefundId : refundId, orderId, requestId, amount, merged, agent,
        requestedAt, merged == status ? failureReason : reason);
  }
}
