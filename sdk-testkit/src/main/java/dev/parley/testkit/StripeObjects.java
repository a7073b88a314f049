package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Stripe objects the sandbox keeps (Checkout Session, PaymentIntent with its Charge, Refund) and
 * their JSON, shaped like the API's (payments.md 1.3, 2.4, 3). Mutable; guarded by the
 * {@link StripeState} monitor.
 */
final class StripeObjects {
  private StripeObjects() {}

  static final class Session {
    String id;
    long created;
    long expiresAt;
    long amountSubtotal;
    long amountTotal;
    String currency;
    String successUrl;
    String cancelUrl;
    String clientReferenceId;
    String customerEmail;
    String uiMode;
    String url;
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonArray lineItems = new JsonArray();
    String status = "open";
    String paymentStatus = "unpaid";
    String paymentIntentId;
    Payment payment;
    /** Metadata for the PaymentIntent ({@code payment_intent_data.metadata}); the session's own does not propagate. */
    Map<String, String> paymentIntentMetadata = new LinkedHashMap<>();
    String paymentIntentDescription;

    JsonObject toJson() {
      JsonObject o = new JsonObject();
      o.addProperty("id", id);
      o.addProperty("object", "checkout.session");
      o.addProperty("amount_subtotal", amountSubtotal);
      o.addProperty("amount_total", amountTotal);
      o.addProperty("cancel_url", cancelUrl);
      o.addProperty("client_reference_id", clientReferenceId);
      o.addProperty("created", created);
      o.addProperty("currency", currency);
      o.add("customer", JsonNull.INSTANCE);
      if (payment != null) {
        JsonObject details = new JsonObject();
        details.addProperty("email", customerEmail == null ? "customer@example.com" : customerEmail);
        details.addProperty("name", "Sandbox Customer");
        o.add("customer_details", details);
      } else {
        o.add("customer_details", JsonNull.INSTANCE);
      }
      o.addProperty("customer_email", customerEmail);
      o.addProperty("expires_at", expiresAt);
      o.addProperty("livemode", false);
      o.add("metadata", map(metadata));
      o.addProperty("mode", "payment");
      o.addProperty("payment_intent", paymentIntentId);
      JsonArray methods = new JsonArray();
      methods.add("card");
      o.add("payment_method_types", methods);
      o.addProperty("payment_status", paymentStatus);
      o.addProperty("status", status);
      o.addProperty("success_url", successUrl);
      JsonObject totals = new JsonObject();
      totals.addProperty("amount_discount", 0);
      totals.addProperty("amount_shipping", 0);
      totals.addProperty("amount_tax", 0);
      o.add("total_details", totals);
      o.addProperty("ui_mode", uiMode);
      o.addProperty("url", "open".equals(status) ? url : null);
      return o;
    }

    JsonObject lineItemsJson(String requestPath) {
      JsonObject list = new JsonObject();
      list.addProperty("object", "list");
      list.add("data", lineItems.deepCopy());
      list.addProperty("has_more", false);
      list.addProperty("url", requestPath);
      return list;
    }
  }

  static final class Payment {
    String paymentIntentId;
    String chargeId;
    String sessionId;
    long created;
    long amount;
    String currency;
    String status;
    long amountRefunded;
    String description;
    Map<String, String> metadata = new LinkedHashMap<>();

    long refundable() {
      return "succeeded".equals(status) ? amount - amountRefunded : 0;
    }

    JsonObject paymentIntentJson() {
      JsonObject o = new JsonObject();
      o.addProperty("id", paymentIntentId);
      o.addProperty("object", "payment_intent");
      o.addProperty("amount", amount);
      o.addProperty("amount_received", "succeeded".equals(status) ? amount : 0);
      o.addProperty("capture_method", "automatic_async");
      o.addProperty("created", created);
      o.addProperty("currency", currency);
      o.addProperty("description", description);
      o.addProperty("latest_charge", "succeeded".equals(status) ? chargeId : null);
      o.addProperty("livemode", false);
      o.add("metadata", map(metadata));
      o.addProperty("status", status);
      return o;
    }

    JsonObject chargeJson() {
      JsonObject o = new JsonObject();
      o.addProperty("id", chargeId);
      o.addProperty("object", "charge");
      o.addProperty("amount", amount);
      o.addProperty("amount_captured", amount);
      o.addProperty("amount_refunded", amountRefunded);
      o.addProperty("captured", true);
      o.addProperty("created", created);
      o.addProperty("currency", currency);
      o.addProperty("description", description);
      o.addProperty("livemode", false);
      o.add("metadata", map(metadata));
      o.addProperty("paid", true);
      o.addProperty("payment_intent", paymentIntentId);
      o.addProperty("refunded", amountRefunded >= amount);
      o.addProperty("status", "succeeded");
      return o;
    }
  }

  static JsonObject refundJson(String id, Payment payment, long amount, String reason, Map<String, String> metadata,
      long created, String status) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("object", "refund");
    o.addProperty("amount", amount);
    o.addProperty("balance_transaction", Ids.stripe("txn_", 24));
    o.addProperty("charge", payment.chargeId);
    o.addProperty("created", created);
    o.addProperty("currency", payment.currency);
    o.add("metadata", map(metadata));
    o.addProperty("payment_intent", payment.paymentIntentId);
    o.addProperty("reason", reason);
    o.add("receipt_number", JsonNull.INSTANCE);
    o.addProperty("status", status);
    return o;
  }

  static JsonObject map(Map<String, String> values) {
    JsonObject o = new JsonObject();
    values.forEach(o::addProperty);
    return o;
  }
}
