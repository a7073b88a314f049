package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A small JSON API under {@code /_sandbox/} to drive a standalone sandbox from a shell or another
 * process: play customers, pay or expire sessions, move the clock, list what was sent. Not part of
 * any platform: never recorded, never faulted.
 *
 * <ul>
 *   <li>{@code POST /_sandbox/messenger/{pageId}/{psid}} with one of {@code {"text"}}, {@code {"quick_reply"}},
 *       {@code {"postback"}} (a title offered), {@code {"read":true}}, {@code {"delivered":true}}; optional
 *       {@code "name"} for a new customer
 *   <li>{@code POST /_sandbox/whatsapp/{phoneNumberId}/{waId}} with {@code {"text"}}, {@code {"button"}},
 *       {@code {"list_row"}}, {@code {"read":true}} or {@code {"delivered":true}}
 *   <li>{@code POST /_sandbox/checkout/{sessionId}/pay} and {@code .../expire}
 *   <li>{@code POST /_sandbox/clock} with {@code {"advance_seconds":90000}}
 *   <li>{@code GET /_sandbox/messages}: every accepted message
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ControlApi {
  static final String PREFIX = "/_sandbox/";

  private final PlatformSandbox sandbox;

  ControlApi(PlatformSandbox sandbox) {
    this.sandbox = sandbox;
  }

  Response handle(IncomingRequest request) {
    String[] parts = request.path().substring(PREFIX.length()).split("/");
    try {
      if (request.method().equals("GET") && parts.length == 1 && parts[0].equals("messages")) {
        return Response.graphJson(200, messages());
      }
      if (!request.method().equals("POST")) {
        return error(405, "the sandbox control API takes POST here");
      }
      JsonObject body = JsonText.parseObjectOrNull(request.bodyText().isBlank() ? "{}" : request.bodyText());
      if (body == null) {
        return error(400, "the body must be a JSON object");
      }
      if (parts.length == 3 && parts[0].equals("messenger")) {
        return deliveries(messenger(parts[1], parts[2], body));
      }
      if (parts.length == 3 && parts[0].equals("whatsapp")) {
        return deliveries(whatsApp(parts[1], parts[2], body));
      }
      if (parts.length == 3 && parts[0].equals("checkout") && parts[2].equals("pay")) {
        return deliveries(List.of(sandbox.stripe().payCheckoutSession(parts[1])));
      }
      if (parts.length == 3 && parts[0].equals("checkout") && parts[2].equals("expire")) {
        return deliveries(List.of(sandbox.stripe().expireCheckoutSession(parts[1])));
      }
      if (parts.length == 1 && parts[0].equals("clock") && body.has("advance_seconds")) {
        sandbox.advanceClock(Duration.ofSeconds(body.get("advance_seconds").getAsLong()));
        JsonObject answer = new JsonObject();
        answer.addProperty("now", sandbox.now().toString());
        return Response.graphJson(200, answer);
      }
      return error(404, "unknown sandbox control path " + Redaction.cut(request.path()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      return error(400, e.getMessage());
    } catch (AssertionError e) {
      return error(409, e.getMessage());
    }
  }

  private List<WebhookDelivery> messenger(String pageId, String psid, JsonObject body) {
    MessengerCustomer customer = sandbox.messengerCustomer(pageId, psid, name(body));
    if (body.has("text")) {
      return List.of(customer.sendText(body.get("text").getAsString()));
    }
    if (body.has("quick_reply")) {
      return List.of(customer.tapQuickReply(body.get("quick_reply").getAsString()));
    }
    if (body.has("postback")) {
      return List.of(customer.tapButton(body.get("postback").getAsString()));
    }
    if (body.has("read")) {
      return List.of(customer.readAll());
    }
    if (body.has("delivered")) {
      return List.of(customer.confirmDelivery());
    }
    throw new IllegalArgumentException("say what the customer does: text, quick_reply, postback, read or delivered");
  }

  private List<WebhookDelivery> whatsApp(String numberId, String waId, JsonObject body) {
    WhatsAppCustomer customer = sandbox.whatsAppCustomer(numberId, waId, name(body));
    if (body.has("text")) {
      return List.of(customer.sendText(body.get("text").getAsString()));
    }
    if (body.has("button")) {
      return List.of(customer.tapButton(body.get("button").getAsString()));
    }
    if (body.has("list_row")) {
      return List.of(customer.chooseListRow(body.get("list_row").getAsString()));
    }
    if (body.has("read")) {
      return customer.readAll();
    }
    if (body.has("delivered")) {
      return customer.confirmDelivery();
    }
    throw new IllegalArgumentException("say what the customer does: text, button, list_row, read or delivered");
  }

  private static String name(JsonObject body) {
    return body.has("name") ? body.get("name").getAsString() : "Sandbox Customer";
  }

  private JsonObject messages() {
    JsonArray list = new JsonArray();
    for (SentMessage m : sandbox.sentMessages()) {
      JsonObject o = new JsonObject();
      o.addProperty("platform", m.platform().name().toLowerCase(java.util.Locale.ROOT));
      o.addProperty("business_id", m.businessId());
      o.addProperty("recipient_id", m.recipientId());
      o.addProperty("message_id", m.messageId());
      o.addProperty("kind", m.kind());
      o.addProperty("summary", m.summary());
      o.addProperty("tag", m.tag());
      JsonArray choices = new JsonArray();
      m.choices().forEach(choices::add);
      o.add("choices", choices);
      o.addProperty("sent_at", m.sentAt().toString());
      list.add(o);
    }
    JsonObject answer = new JsonObject();
    answer.add("data", list);
    return answer;
  }

  private static Response deliveries(List<WebhookDelivery> deliveries) {
    JsonArray list = new JsonArray();
    for (WebhookDelivery d : deliveries) {
      JsonObject o = new JsonObject();
      o.addProperty("kind", d.kind());
      o.addProperty("event_id", d.eventId());
      o.addProperty("state", d.state().name().toLowerCase(java.util.Locale.ROOT));
      o.addProperty("status", d.status());
      list.add(o);
    }
    JsonObject answer = new JsonObject();
    answer.add("deliveries", list);
    return Response.graphJson(200, answer);
  }

  private static Response error(int status, String message) {
    JsonObject answer = new JsonObject();
    answer.addProperty("error", message);
    return Response.graphJson(status, answer);
  }
}
