package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The WhatsApp Cloud API {@code /{phone-number-id}/messages} edge: sends (checked by
 * {@link WhatsAppMessageRules} and {@link TemplateRules}), the 24-hour customer service window
 * (131047 for anything but a template outside it), and mark-as-read with the typing indicator
 * (platforms.md 2.1 to 2.3). Thread-safe: state changes happen under the {@link GraphState} monitor.
 */
final class WhatsAppApi {
  static final Duration SERVICE_WINDOW = Duration.ofHours(24);
  private static final Fields F = Fields.WHATSAPP;

  private final GraphState state;
  private final SandboxClock clock;

  WhatsAppApi(GraphState state, SandboxClock clock) {
    this.state = state;
    this.clock = clock;
  }

  Response handle(GraphState.WhatsAppNumber number, JsonObject body) {
    String product = F.optionalString(body, "messaging_product", "messaging_product");
    if (product == null) {
      throw GraphError.whatsApp(400, 100, "Invalid parameter", "The parameter messaging_product is required.");
    }
    if (!product.equals("whatsapp")) {
      throw F.invalid("messaging_product '" + Redaction.cut(product) + "' must be whatsapp");
    }
    if (body.has("status")) {
      return markRead(number, body);
    }
    return send(number, body);
  }

  private Response markRead(GraphState.WhatsAppNumber number, JsonObject body) {
    F.checkOneOf("status", F.requireString(body, "status", "status"), "read");
    String messageId = F.requireString(body, "message_id", "message_id");
    JsonObject typing = F.optionalObject(body, "typing_indicator", "typing_indicator");
    if (typing != null) {
      F.checkOneOf("typing_indicator.type", F.requireString(typing, "type", "typing_indicator.type"), "text");
    }
    synchronized (state) {
      boolean known = state.customersOf(number.phoneNumberId()).stream()
          .anyMatch(c -> c.inboundMessageIds.contains(messageId));
      if (!known) {
        throw GraphError.whatsApp(400, 100, "Invalid parameter", "message_id '" + Redaction.cut(messageId)
            + "' is not a message a customer sent to phone number " + number.phoneNumberId());
      }
    }
    JsonObject answer = new JsonObject();
    answer.addProperty("success", true);
    return Response.graphJson(200, answer);
  }

  private Response send(GraphState.WhatsAppNumber number, JsonObject body) {
    String to = F.requireString(body, "to", "to");
    String waId = to.startsWith("+") ? to.substring(1) : to;
    if (!waId.matches("\\d{7,15}")) {
      throw F.invalid("to '" + Redaction.cut(to) + "' is not a phone number: 7 to 15 digits, optionally after +");
    }
    String recipientType = F.optionalString(body, "recipient_type", "recipient_type");
    if (recipientType != null) {
      F.checkOneOf("recipient_type", recipientType, "individual");
    }
    JsonObject context = F.optionalObject(body, "context", "context");
    if (context != null) {
      F.requireString(context, "message_id", "context.message_id");
    }
    String type = F.optionalString(body, "type", "type");
    type = type == null ? "text" : type;
    RenderedMessage rendered;
    String templateName = null;
    if (type.equals("template")) {
      JsonObject template = F.requireObject(body, "template", "template");
      templateName = F.requireString(template, "name", "template.name");
      rendered = TemplateRules.check(template, state::template);
    } else {
      rendered = WhatsAppMessageRules.check(type, body);
      UploadedMediaRules.checkWhatsApp(state.media(), number.phoneNumberId(), type, body);
    }
    synchronized (state) {
      CustomerState customer = state.customer(SentMessage.Platform.WHATSAPP, number.phoneNumberId(), waId);
      if (!type.equals("template") && (customer == null || !withinWindow(customer.lastInbound))) {
        throw GraphError.whatsApp(400, 131047, "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this "
                + "number" + (customer == null || customer.lastInbound == null ? " (this customer never wrote)" : "")
                + ". Send an approved template instead.");
      }
      if (customer != null && !customer.available) {
        throw GraphError.whatsApp(400, 131026, "Message undeliverable",
            "Unable to deliver message to " + waId + ": the number cannot receive WhatsApp messages now.");
      }
      String wamid = Ids.wamid();
      SentMessage sent = new SentMessage(SentMessage.Platform.WHATSAPP, number.phoneNumberId(), waId, wamid,
          rendered.kind(), rendered.summary(), templateName, rendered.titles(), JsonText.toText(body), clock.now());
      state.recordSent(customer, sent, rendered.offeredBy(wamid));
      return Response.graphJson(200, answer(to, waId, wamid, type.equals("template")));
    }
  }

  private boolean withinWindow(Instant lastInbound) {
    return lastInbound != null && !clock.now().isAfter(lastInbound.plus(SERVICE_WINDOW));
  }

  /** {@code {messaging_product, contacts:[{input, wa_id}], messages:[{id, message_status?}]}} (platforms.md 2.1). */
  private static JsonObject answer(String input, String waId, String wamid, boolean template) {
    JsonObject contact = new JsonObject();
    contact.addProperty("input", input);
    contact.addProperty("wa_id", waId);
    JsonArray contacts = new JsonArray();
    contacts.add(contact);
    JsonObject message = new JsonObject();
    message.addProperty("id", wamid);
    if (template) {
      // Meta added message_status to template sends in 2024; strict parsers broke on it (platforms.md 2.1).
      message.addProperty("message_status", "accepted");
    }
    JsonArray messages = new JsonArray();
    messages.add(message);
    JsonObject answer = new JsonObject();
    answer.addProperty("messaging_product", "whatsapp");
    answer.add("contacts", contacts);
    answer.add("messages", messages);
    return answer;
  }
}
