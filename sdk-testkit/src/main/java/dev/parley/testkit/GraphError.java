package dev.parley.testkit;

import com.google.gson.JsonObject;

/**
 * A refusal in the Graph API's shape, thrown by the validators and turned into
 * {@code {"error":{"message","type","code","error_subcode"?,"error_data"?,"is_transient"?,"fbtrace_id"}}}
 * (Meta: graph-api/guides/error-handling; platforms.md 1.7 and 2.6).
 */
final class GraphError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int httpStatus;
  final int code;
  final Integer subcode;
  final String details;
  final boolean whatsApp;
  final boolean isTransient;

  GraphError(int httpStatus, int code, Integer subcode, String message, String details, boolean whatsApp,
      boolean isTransient) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
    this.subcode = subcode;
    this.details = details;
    this.whatsApp = whatsApp;
    this.isTransient = isTransient;
  }

  /** A Messenger or generic Graph error: {@code (#code) message}. */
  static GraphError graph(int httpStatus, int code, Integer subcode, String message) {
    return new GraphError(httpStatus, code, subcode, "(#" + code + ") " + message, null, false, false);
  }

  /** Messenger's "invalid parameter": HTTP 400, code 100. */
  static GraphError invalidParameter(String message) {
    return graph(400, 100, null, message);
  }

  /** A WhatsApp Cloud API error: a short title in {@code message} and the reason in {@code error_data.details}. */
  static GraphError whatsApp(int httpStatus, int code, String title, String details) {
    return new GraphError(httpStatus, code, null, "(#" + code + ") " + title, details, true, false);
  }

  /** WhatsApp's "required parameter is missing" (131008). */
  static GraphError whatsAppMissing(String details) {
    return whatsApp(400, 131008, "Required parameter is missing", details);
  }

  /** WhatsApp's "parameter value is not valid" (131009). */
  static GraphError whatsAppInvalid(String details) {
    return whatsApp(400, 131009, "Parameter value is not valid", details);
  }

  GraphError markedTransient() {
    return new GraphError(httpStatus, code, subcode, getMessage(), details, whatsApp, true);
  }

  Response toResponse() {
    JsonObject error = new JsonObject();
    error.addProperty("message", getMessage());
    error.addProperty("type", "OAuthException");
    error.addProperty("code", code);
    if (subcode != null) {
      error.addProperty("error_subcode", subcode);
    }
    if (details != null || whatsApp) {
      JsonObject data = new JsonObject();
      if (whatsApp) {
        data.addProperty("messaging_product", "whatsapp");
      }
      data.addProperty("details", details == null ? getMessage() : details);
      error.add("error_data", data);
    }
    if (isTransient) {
      error.addProperty("is_transient", true);
    }
    error.addProperty("fbtrace_id", Ids.fbtraceId());
    JsonObject body = new JsonObject();
    body.add("error", error);
    return Response.graphJson(httpStatus, body);
  }
}
