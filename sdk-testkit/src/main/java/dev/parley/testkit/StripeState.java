package dev.parley.testkit;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's Stripe account: Checkout Sessions, payments, refunds, events and idempotency keys,
 * with the rules Stripe applies (payments.md 1.3, 1.5, 3). Operations return the events they
 * caused; the caller delivers them after leaving the monitor. Thread-safe: every method holds the
 * monitor.
 */
final class StripeState {
  /** A stored answer to replay for a repeated idempotency key. */
  record Idempotent(String path, JsonObject parameters, Response response) {}

  private final SandboxClock clock;
  private final String apiVersion;
  private final Map<String, StripeObjects.Session> sessions = new LinkedHashMap<>();
  private final Map<String, StripeObjects.Payment> payments = new LinkedHashMap<>();
  private final Map<String, JsonObject> refunds = new LinkedHashMap<>();
  private final Map<String, JsonObject> events = new LinkedHashMap<>();
  private final Map<String, Idempotent> idempotent = new HashMap<>();

  StripeState(SandboxClock clock, String apiVersion) {
    this.clock = clock;
    this.apiVersion = apiVersion;
  }

  synchronized Idempotent idempotent(String key) {
    return idempotent.get(key);
  }

  synchronized void remember(String key, Idempotent answer) {
    idempotent.put(key, answer);
  }

  synchronized StripeObjects.Session createSession(JsonObject params, String checkoutBaseUrl) {
    StripeObjects.Session s = CheckoutSessionRules.build(params, clock.now().getEpochSecond(), checkoutBaseUrl);
    sessions.put(s.id, s);
    return s;
  }

  synchronized StripeObjects.Session session(String id) {
    StripeObjects.Session s = sessions.get(id);
    if (s == null) {
      throw StripeError.noSuch("checkout.session", id, "session");
    }
    return s;
  }

  synchronized List<StripeObjects.Session> sessions() {
    return List.copyOf(sessions.values());
  }

  synchronized StripeObjects.Payment payment(String paymentIntentId) {
    StripeObjects.Payment p = payments.get(paymentIntentId);
    if (p == null) {
      throw StripeError.noSuch("payment_intent", paymentIntentId, "intent");
    }
    return p;
  }

  synchronized JsonObject refund(String id) {
    JsonObject r = refunds.get(id);
    if (r == null) {
      throw StripeError.noSuch("refund", id, "refund");
    }
    return r;
  }

  synchronized JsonObject event(String id) {
    JsonObject e = events.get(id);
    if (e == null) {
      throw StripeError.noSuch("event", id, "id");
    }
    return e;
  }

  /** Expires an open session; Stripe refuses any other status. */
  synchronized List<JsonObject> expire(String id, JsonObject request) {
    StripeObjects.Session s = session(id);
    if (!s.status.equals("open")) {
      throw StripeError.invalid(null, null, "Only Checkout Sessions with a status in [\"open\"] can be expired.");
    }
    s.status = "expired";
    return List.of(newEvent("checkout.session.expired", s.toJson(), null, request));
  }

  /** Sessions whose {@code expires_at} passed on the sandbox clock expire, as Stripe does on its own. */
  synchronized List<JsonObject> expireDue() {
    long now = clock.now().getEpochSecond();
    List<JsonObject> out = new ArrayList<>();
    for (StripeObjects.Session s : sessions.values()) {
      if (s.status.equals("open") && s.expiresAt <= now) {
        s.status = "expired";
        out.add(newEvent("checkout.session.expired", s.toJson(), null, null));
      }
    }
    return out;
  }

  /**
   * The customer completes the hosted page. A card pays at once ({@code payment_status:"paid"}); a delayed
   * method completes the session unpaid and settles later with {@link #settle}.
   */
  synchronized List<JsonObject> pay(String id, boolean delayed) {
    StripeObjects.Session s = session(id);
    if (!s.status.equals("open")) {
      throw new IllegalStateException("checkout session " + id + " is " + s.status + "; only an open session can be paid");
    }
    StripeObjects.Payment p = new StripeObjects.Payment();
    p.paymentIntentId = Ids.stripe("pi_", 24);
    p.chargeId = Ids.stripe("ch_", 24);
    p.sessionId = s.id;
    p.created = clock.now().getEpochSecond();
    p.amount = s.amountTotal;
    p.currency = s.currency;
    p.metadata = new LinkedHashMap<>(s.paymentIntentMetadata);
    p.description = s.paymentIntentDescription;
    p.status = delayed ? "processing" : "succeeded";
    payments.put(p.paymentIntentId, p);
    s.payment = p;
    s.paymentIntentId = p.paymentIntentId;
    s.status = "complete";
    s.paymentStatus = delayed ? "unpaid" : "paid";
    return List.of(newEvent("checkout.session.completed", s.toJson(), null, null));
  }

  /** A delayed payment clears or fails. */
  synchronized List<JsonObject> settle(String id, boolean succeeded) {
    StripeObjects.Session s = session(id);
    if (s.payment == null || !s.payment.status.equals("processing")) {
      throw new IllegalStateException("checkout session " + id + " has no delayed payment pending");
    }
    s.payment.status = succeeded ? "succeeded" : "requires_payment_method";
    s.paymentStatus = succeeded ? "paid" : "unpaid";
    String type = succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed";
    return List.of(newEvent(type, s.toJson(), null, null));
  }

  /** A refund result: the refund object and the events it causes. */
  record RefundResult(JsonObject refund, List<JsonObject> events) {}

  synchronized RefundResult createRefund(JsonObject params, JsonObject request) {
    for (String name : params.keySet()) {
      if (!Set.of("payment_intent", "charge", "amount", "reason", "metadata", "instructions_email", "expand")
          .contains(name)) {
        throw StripeError.invalid("parameter_unknown", name, "Received unknown parameter: " + name);
      }
    }
    String intentId = CheckoutSessionRules.string(params, "payment_intent");
    String chargeId = CheckoutSessionRules.string(params, "charge");
    StripeObjects.Payment p;
    if (intentId != null) {
      p = payments.get(intentId);
      if (p == null) {
        throw StripeError.noSuch("payment_intent", intentId, "payment_intent");
      }
    } else if (chargeId != null) {
      p = payments.values().stream().filter(x -> x.chargeId.equals(chargeId)).findFirst()
          .orElseThrow(() -> StripeError.noSuch("charge", chargeId, "charge"));
    } else {
      throw StripeError.invalid("parameter_missing", "payment_intent",
          "One of the following params should be provided for this request: payment_intent or charge.");
    }
    if (!p.status.equals("succeeded")) {
      throw StripeError.invalid("charge_not_refundable", "payment_intent", "This PaymentIntent (" + p.paymentIntentId
          + ") does not have a successful charge to refund.");
    }
    long remaining = p.refundable();
    if (remaining == 0) {
      throw StripeError.invalid("charge_already_refunded", null,
          "Charge " + p.chargeId + " has already been refunded.");
    }
    String amountText = CheckoutSessionRules.string(params, "amount");
    long amount = amountText == null ? remaining : CheckoutSessionRules.integer(amountText, "amount");
    if (amount <= 0) {
      throw StripeError.invalid("parameter_invalid_integer", "amount", "Invalid positive integer");
    }
    if (amount > remaining) {
      throw StripeError.invalid("amount_too_large", "amount", "Refund amount (" + amount + " " + p.currency
          + ") is greater than unrefunded amount on charge (" + remaining + " " + p.currency + ")");
    }
    String reason = CheckoutSessionRules.string(params, "reason");
    if (reason != null && !Set.of("duplicate", "fraudulent", "requested_by_customer").contains(reason)) {
      throw StripeError.invalid("parameter_invalid_string", "reason", "Invalid reason: must be one of duplicate, "
          + "fraudulent, or requested_by_customer");
    }
    p.amountRefunded += amount;
    String id = Ids.stripe("re_", 24);
    long now = clock.now().getEpochSecond();
    JsonObject refund = StripeObjects.refundJson(id, p, amount, reason, CheckoutSessionRules.metadata(params, "metadata"), now, "succeeded");
    refunds.put(id, refund);
    JsonObject previous = new JsonObject();
    previous.addProperty("status", "pending");
    List<JsonObject> caused = List.of(
        newEvent("charge.refunded", p.chargeJson(), null, request),
        newEvent("refund.updated", refund.deepCopy(), previous, request));
    return new RefundResult(refund, caused);
  }

  private JsonObject newEvent(String type, JsonObject object, JsonObject previousAttributes, JsonObject request) {
    JsonObject event = new JsonObject();
    event.addProperty("id", Ids.stripe("evt_", 24));
    event.addProperty("object", "event");
    event.addProperty("api_version", apiVersion);
    event.addProperty("created", clock.now().getEpochSecond());
    JsonObject data = new JsonObject();
    data.add("object", object);
    if (previousAttributes != null) {
      data.add("previous_attributes", previousAttributes);
    }
    event.add("data", data);
    event.addProperty("livemode", false);
    event.addProperty("pending_webhooks", 1);
    if (request == null) {
      request = new JsonObject();
      request.add("id", com.google.gson.JsonNull.INSTANCE);
      request.add("idempotency_key", com.google.gson.JsonNull.INSTANCE);
    }
    event.add("request", request);
    event.addProperty("type", type);
    events.put(event.get("id").getAsString(), event);
    return event;
  }
}
