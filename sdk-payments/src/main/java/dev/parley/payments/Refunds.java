package dev.parley.payments;

import dev.parley.core.Money;
import java.util.List;

/**
 * Gives customers their money back, for the agent inbox and the merchant's back office. Obtain it
 * from {@link CheckoutButtons#refunds()}.
 *
 * <p>A refund is never more than what was paid minus what is refunded or on its way back; two
 * agents refunding at once cannot together exceed it. The customer is told once Stripe confirms
 * (through {@link PaymentEvent.Refunded}). Thread-safe.
 */
public interface Refunds {

  /**
   * Asks Stripe to refund, and records the refund with the agent.
   *
   * @return the refund as Stripe answered: usually {@code SUCCEEDED} or {@code PENDING}. The same
   *     request again returns the same refund without refunding twice.
   * @throws RefundRefusedException when the order is not paid or the amount exceeds what is refundable
   * @throws dev.parley.core.InvalidRequestException when Stripe refused the refund, or the request id
   *     was used before for a different amount
   * @throws dev.parley.core.ConnectionException or {@link dev.parley.core.PlatformUnavailableException}
   *     when Stripe's answer is unknown: send the same request again later (the amount stays reserved)
   */
  IssuedRefund refund(RefundRequest request);

  /** What can still be refunded: paid minus refunded minus refunds on their way. Zero when unpaid. */
  Money refundable(String orderId);

  /** The order's refunds, oldest first. */
  List<IssuedRefund> list(String orderId);
}
