package dev.parley.payments.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.Money;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentEvent;

/**
 * Payment outcomes as the JSON kept with a Stripe event until every listener got them, without the
 * order (stored once, beside). Public for the payments module's store only; not an API.
 */
public final class OutcomeCodec {
  private OutcomeCodec() {}

  public static String encode(PaymentEvent event) {
    if (event == null) {
      return null;
    }
    JsonObject json = new JsonObject();
    if (event instanceof PaymentEvent.Paid paid) {
      json.addProperty("kind", "paid");
      json.addProperty("session_id", paid.sessionId());
      json.addProperty("payment_intent_id", paid.paymentIntentId());
      json.addProperty("amount", paid.amount().minorUnits());
    } else if (event instanceof PaymentEvent.Failed failed) {
      json.addProperty("kind", "failed");
      json.addProperty("session_id", failed.sessionId());
    } else if (event instanceof PaymentEvent.Expired expired) {
      json.addProperty("kind", "expired");
      json.addProperty("session_id", expired.sessionId());
    } else if (event instanceof PaymentEvent.Refunded refunded) {
      json.addProperty("kind", "refunded");
      json.addProperty("refund_id", refunded.refundId());
      json.addProperty("amount", refunded.amount().minorUnits());
      json.addProperty("total_refunded", refunded.totalRefunded().minorUnits());
      json.addProperty("agent", refunded.agent());
    } else if (event instanceof PaymentEvent.RefundFailed failed) {
      json.addProperty("kind", "refund_failed");
      json.addProperty("refund_id", failed.refundId());
      json.addProperty("amount", failed.amount().minorUnits());
      json.addProperty("reason", failed.reason());
      json.addProperty("agent", failed.agent());
    }
    return json.toString();
  }

  public static PaymentEvent decode(String text, Order order) {
    if (text == null) {
      return null;
    }
    JsonObject json = JsonParser.parseString(text).getAsJsonObject();
    String kind = json.get("kind").getAsString();
    return switch (kind) {
      case "paid" -> new PaymentEvent.Paid(order, OrderCodec.text(json, "session_id"),
          OrderCodec.text(json, "payment_intent_id"), money(json, "amount", order));
      case "failed" -> new PaymentEvent.Failed(order, OrderCodec.text(json, "session_id"));
      case "expired" -> new PaymentEvent.Expired(order, OrderCodec.text(json, "session_id"));
      case "refunded" -> new PaymentEvent.Refunded(order, OrderCodec.text(json, "refund_id"),
          money(json, "amount", order), money(json, "total_refunded", order), OrderCodec.text(json, "agent"));
      case "refund_failed" -> new PaymentEvent.RefundFailed(order, OrderCodec.text(json, "refund_id"),
          money(json, "amount", order), OrderCodec.text(json, "reason"), OrderCodec.text(json, "agent"));
      default -> throw new IllegalStateException("unknown payment outcome kind '" + kind + "'");
    };
  }

  private static Money money(JsonObject json, String field, Order order) {
    return new Money(json.get(field).getAsLong(), order.currency());
  }
}
