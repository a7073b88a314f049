package dev.parley.payments;

import com.stripe.param.CouponCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.stripe.param.checkout.SessionCreateParams.ShippingOption.ShippingRateData;
import dev.parley.core.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the Checkout Session (and, for discounts, the coupon) Stripe is asked for. The same order,
 * attempt and expiry always give the same parameters: Stripe refuses a reused idempotency key
 * whose parameters changed. Stateless.
 */
final class CheckoutSessionParams {
  /** Stripe shows coupon names to customers and takes at most 40 characters. */
  private static final int COUPON_NAME_LENGTH = 40;

  private CheckoutSessionParams() {}

  /** Checks every amount Stripe will see, and the total against the minimum and maximum charge. */
  static void requireChargeable(Order order) {
    for (Order.LineItem item : order.items()) {
      StripeAmounts.requireRepresentable(item.unitPrice(), "unit price of '" + item.name() + "'");
    }
    if (order.shipping() != null) {
      StripeAmounts.requireRepresentable(order.shipping().cost(), "shipping '" + order.shipping().label() + "'");
    }
    for (Order.Adjustment tax : order.taxes()) {
      StripeAmounts.requireRepresentable(tax.amount(), "tax '" + tax.label() + "'");
    }
    if (!order.discounts().isEmpty()) {
      StripeAmounts.requireRepresentable(order.discountTotal(), "discount total");
    }
    StripeAmounts.requireChargeable(order.total(), "order " + order.id() + " total");
  }

  static Map<String, String> metadata(Order order, String tenantId) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(StripeMetadata.ORDER_ID, order.id());
    metadata.put(StripeMetadata.ORDER_VERSION, Integer.toString(order.version()));
    metadata.put(StripeMetadata.CONVERSATION_ID, order.conversationId());
    metadata.put(StripeMetadata.CUSTOMER, order.customer().key());
    if (tenantId != null) {
      metadata.put(StripeMetadata.TENANT_ID, tenantId);
    }
    return metadata;
  }

  static SessionCreateParams session(Order order, String tenantId, String successUrl, String cancelUrl,
      Instant expiresAt, String couponId) {
    String currency = stripeCurrency(order.total());
    Map<String, String> metadata = metadata(order, tenantId);
    SessionCreateParams.Builder params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setClientReferenceId(order.id())
        .putAllMetadata(metadata)
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
            .putAllMetadata(metadata)
            .setDescription("Order " + order.id())
            .build())
        .setSuccessUrl(successUrl)
        .setCancelUrl(cancelUrl)
        .setExpiresAt(expiresAt.getEpochSecond());
    for (Order.LineItem item : order.items()) {
      PriceData.ProductData.Builder product = PriceData.ProductData.builder().setName(item.name());
      if (item.imageUrl() != null) {
        product.addImage(item.imageUrl());
      }
      params.addLineItem(line(currency, item.quantity(), item.unitPrice(), product.build()));
    }
    for (Order.Adjustment tax : order.taxes()) {
      params.addLineItem(line(currency, 1, tax.amount(), PriceData.ProductData.builder().setName(tax.label()).build()));
    }
    if (order.shipping() != null) {
      params.addShippingOption(SessionCreateParams.ShippingOption.builder()
          .setShippingRateData(ShippingRateData.builder()
              .setType(ShippingRateData.Type.FIXED_AMOUNT)
              .setDisplayName(order.shipping().label())
              .setFixedAmount(ShippingRateData.FixedAmount.builder()
                  .setAmount(order.shipping().cost().minorUnits())
                  .setCurrency(currency)
                  .build())
              .build())
          .build());
    }
    if (couponId != null) {
      params.addDiscount(SessionCreateParams.Discount.builder().setCoupon(couponId).build());
    }
    if (order.customerEmail() != null) {
      params.setCustomerEmail(order.customerEmail());
    }
    return params.build();
  }

  /**
   * Stripe Checkout takes discounts only as coupons: one single-use coupon per order version for
   * the sum of the order's discounts, named after them.
   */
  static CouponCreateParams coupon(Order order, String tenantId) {
    String name = order.discounts().stream().map(Order.Adjustment::label).collect(Collectors.joining(", "));
    if (name.length() > COUPON_NAME_LENGTH) {
      name = name.substring(0, COUPON_NAME_LENGTH - 1) + "…";
    }
    return CouponCreateParams.builder()
        .setAmountOff(order.discountTotal().minorUnits())
        .setCurrency(stripeCurrency(order.total()))
        .setDuration(CouponCreateParams.Duration.ONCE)
        .setMaxRedemptions(1L)
        .setName(name)
        .putAllMetadata(metadata(order, tenantId))
        .build();
  }

  private static LineItem line(String currency, long quantity, Money unitPrice, PriceData.ProductData product) {
    return LineItem.builder()
        .setQuantity(quantity)
        .setPriceData(PriceData.builder()
            .setCurrency(currency)
            .setUnitAmount(unitPrice.minorUnits())
            .setProductData(product)
            .build())
        .build();
  }

  /** Stripe wants ISO codes in lower case. */
  static String stripeCurrency(Money amount) {
    return amount.currencyCode().toLowerCase(Locale.ROOT);
  }
}
