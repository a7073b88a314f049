package dev.parley.testkit;

import com.google.gson.JsonObject;

/**
 * A refusal in Stripe's shape: {@code {"error":{"code"?,"doc_url"?,"message","param"?,"type"}}} with
 * the HTTP status Stripe uses (400 invalid request, 401 bad key, 404 missing resource, 429 rate limit,
 * 5xx api_error).
 */
final class StripeError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  final String code;
  final String param;

  StripeError(int status, String type, String code, String param, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  static StripeError invalid(String code, String param, String message) {
    return new StripeError(400, "invalid_request_error", code, param, message);
  }

  static StripeError missingParam(String param) {
    return invalid("parameter_missing", param, "Missing required param: " + param + ".");
  }

  static StripeError noSuch(String objectName, String id, String param) {
    return new StripeError(404, "invalid_request_error", "resource_missing", param,
        "No such " + objectName + ": '" + Redaction.cut(id) + "'");
  }

  Response toResponse() {
    JsonObject error = new JsonObject();
    if (code != null) {
      error.addProperty("code", code);
      error.addProperty("doc_url", "https://docs.stripe.com/error-codes/" + code.replace('_', '-'));
    }
    error.addProperty("message", getMessage());
    if (param != null) {
      error.addProperty("param", param);
    }
    error.addProperty("type", type);
    JsonObject body = new JsonObject();
    body.add("error", error);
    return Response.stripeJson(status, body).withHeader("Request-Id", Ids.stripe("req_", 14));
  }
}
