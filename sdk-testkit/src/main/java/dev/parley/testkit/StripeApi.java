package dev.parley.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stripe's HTTP surface as Parley uses it: {@code POST /v1/checkout/sessions}, {@code GET
 * /v1/checkout/sessions/{id}} (with {@code expand[]=payment_intent}) and its {@code /line_items},
 * {@code POST /v1/checkout/sessions/{id}/expire}, {@code POST /v1/refunds}, {@code GET /v1/refunds/{id}},
 * {@code GET /v1/payment_intents/{id}} and {@code GET /v1/events/{id}}. Checks the secret key (Bearer,
 * or Basic with the key as user name), decodes form bodies the way stripe-java encodes them, and
 * honours {@code Idempotency-Key}: the same key with the same parameters replays the first answer, with
 * other parameters it is an {@code idempotency_error} (payments.md 1.5). Thread-safe.
 */
final class StripeApi {
  private static final Pattern SESSION = Pattern.compile("/v1/checkout/sessions/([^/]+)(/expire|/line_items)?");
  private static final Pattern SIMPLE = Pattern.compile("/v1/(refunds|payment_intents|events)/([^/]+)");

  private final StripeState state;
  private final StripeWebhooks webhooks;
  private final String apiKey;
  private final String checkoutBaseUrl;
  private final String apiVersion;

  StripeApi(StripeState state, StripeWebhooks webhooks, String apiKey, String checkoutBaseUrl, String apiVersion) {
    this.state = state;
    this.webhooks = webhooks;
    this.apiKey = apiKey;
    this.checkoutBaseUrl = checkoutBaseUrl;
    this.apiVersion = apiVersion;
  }

  static boolean handles(String path) {
    return path.startsWith("/v1/");
  }

  Response handle(IncomingRequest request) {
    try {
      authenticate(request);
      webhooks.deliverLater(state.expireDue());
      String requestId = Ids.stripe("req_", 14);
      Response response;
      if (request.method().equals("POST")) {
        response = post(request, requestId);
      } else if (request.method().equals("GET")) {
        response = get(request);
      } else {
        throw unrecognized(request);
      }
      return response.withHeader("Request-Id", requestId).withHeader("Stripe-Version", apiVersion);
    } catch (StripeError e) {
      return e.toResponse();
    }
  }

  private Response post(IncomingRequest request, String requestId) {
    JsonObject params = FormDecoder.nested(request.bodyText());
    String key = request.header("idempotency-key");
    if (key == null) {
      return execute(request, params, requestId, null);
    }
    if (key.length() > 255) {
      throw StripeError.invalid("idempotency_key_too_long", null,
          "Idempotency-Key is " + key.length() + " characters; the maximum is 255.");
    }
    // One request at a time per account: a second request with the same key waits and then replays.
    synchronized (state) {
      StripeState.Idempotent previous = state.idempotent(key);
      if (previous != null) {
        if (!previous.path().equals(request.path()) || !previous.parameters().equals(params)) {
          throw new StripeError(400, "idempotency_error", null, null, "Keys for idempotent requests can only be used "
              + "with the same parameters they were first used with. Try using a key other than '"
              + Redaction.cut(key) + "' if you meant to execute a different request.");
        }
        return previous.response().withHeader("Idempotent-Replayed", "true");
      }
      Response response = execute(request, params, requestId, key);
      if (response.status() < 300) {
        state.remember(key, new StripeState.Idempotent(request.path(), params, response));
      }
      return response;
    }
  }

  private Response execute(IncomingRequest request, JsonObject params, String requestId, String idempotencyKey) {
    JsonObject requestInfo = new JsonObject();
    requestInfo.addProperty("id", requestId);
    if (idempotencyKey == null) {
      requestInfo.add("idempotency_key", JsonNull.INSTANCE);
    } else {
      requestInfo.addProperty("idempotency_key", idempotencyKey);
    }
    String path = request.path();
    if (path.equals("/v1/checkout/sessions")) {
      return ok(state.createSession(params, checkoutBaseUrl).toJson());
    }
    if (path.equals("/v1/refunds")) {
      StripeState.RefundResult result = state.createRefund(params, requestInfo);
      webhooks.deliverLater(result.events());
      return ok(result.refund());
    }
    Matcher session = SESSION.matcher(path);
    if (session.matches() && "/expire".equals(session.group(2))) {
      List<JsonObject> events = state.expire(session.group(1), requestInfo);
      webhooks.deliverLater(events);
      return ok(events.get(0).getAsJsonObject("data").getAsJsonObject("object"));
    }
    throw unrecognized(request);
  }

  private Response get(IncomingRequest request) {
    String path = request.path();
    Matcher session = SESSION.matcher(path);
    if (session.matches()) {
      synchronized (state) {
        StripeObjects.Session s = state.session(session.group(1));
        if ("/line_items".equals(session.group(2))) {
          return ok(s.lineItemsJson(path));
        }
        if (session.group(2) != null) {
          throw unrecognized(request);
        }
        JsonObject json = s.toJson();
        if (expands(request, "payment_intent") && s.payment != null) {
          json.add("payment_intent", s.payment.paymentIntentJson());
        }
        if (expands(request, "line_items")) {
          json.add("line_items", s.lineItemsJson(path + "/line_items"));
        }
        return ok(json);
      }
    }
    Matcher simple = SIMPLE.matcher(path);
    if (simple.matches()) {
      String id = simple.group(2);
      synchronized (state) {
        switch (simple.group(1)) {
          case "refunds":
            return ok(state.refund(id));
          case "payment_intents":
            return ok(state.payment(id).paymentIntentJson());
          default:
            return ok(state.event(id));
        }
      }
    }
    throw unrecognized(request);
  }

  private static boolean expands(IncomingRequest request, String field) {
    JsonElement expand = FormDecoder.nested(request.rawQuery()).get("expand");
    if (expand == null) {
      return false;
    }
    if (expand.isJsonArray()) {
      for (JsonElement e : expand.getAsJsonArray()) {
        if (e.getAsString().equals(field)) {
          return true;
        }
      }
      return false;
    }
    return expand.getAsString().equals(field);
  }

  private void authenticate(IncomingRequest request) {
    String given = request.bearerToken();
    String authorization = request.header("authorization");
    if (given == null && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
            StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        given = colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        given = null;
      }
    }
    if (given == null || given.isEmpty()) {
      throw new StripeError(401, "invalid_request_error", null, null, "You did not provide an API key. You need to "
          + "provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
          + "YOUR_SECRET_KEY').");
    }
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
      throw new StripeError(401, "invalid_request_error", "api_key_invalid", null,
          "Invalid API Key provided: " + Redaction.stripeKey(given));
    }
  }

  private static StripeError unrecognized(IncomingRequest request) {
    return new StripeError(404, "invalid_request_error", null, null, "Unrecognized request URL (" + request.method()
        + ": " + Redaction.cut(request.path()) + "). The sandbox emulates Checkout Sessions, refunds, payment intents "
        + "and events.");
  }

  private static Response ok(JsonObject json) {
    return Response.stripeJson(200, json);
  }
}
