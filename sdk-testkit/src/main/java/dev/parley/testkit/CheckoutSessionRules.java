package dev.parley.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code POST /v1/checkout/sessions} parameters the way Stripe does and builds the session:
 * unknown parameters, {@code mode}, ad-hoc {@code line_items[].price_data} in one currency, minimum
 * amounts, {@code expires_at} between 30 minutes and 24 hours, metadata limits (payments.md 0, 1.3, 4).
 * Thread-safe.
 */
final class CheckoutSessionRules {
  private static final Set<String> SESSION_PARAMETERS = Set.of("mode", "line_items", "success_url", "cancel_url",
      "client_reference_id", "metadata", "payment_intent_data", "expires_at", "customer_email", "currency", "ui_mode",
      "payment_method_types", "locale", "expand", "customer", "after_expiration", "allow_promotion_codes",
      "billing_address_collection", "shipping_address_collection", "submit_type", "phone_number_collection",
      "customer_creation", "automatic_tax", "invoice_creation", "return_url", "consent_collection", "custom_text");
  private static final Set<String> PAYMENT_INTENT_DATA = Set.of("metadata", "description", "receipt_email",
      "statement_descriptor", "statement_descriptor_suffix", "capture_method", "setup_future_usage", "shipping",
      "transfer_data", "on_behalf_of", "application_fee_amount");
  /** Minimum charge amounts in minor units for common currencies (payments.md 4). */
  private static final Map<String, Long> MINIMUMS = Map.ofEntries(Map.entry("usd", 50L), Map.entry("eur", 50L),
      Map.entry("gbp", 30L), Map.entry("cad", 50L), Map.entry("aud", 50L), Map.entry("chf", 50L),
      Map.entry("jpy", 50L), Map.entry("dkk", 250L), Map.entry("nok", 300L), Map.entry("sek", 300L),
      Map.entry("hkd", 400L), Map.entry("pln", 200L), Map.entry("mxn", 1000L));

  private CheckoutSessionRules() {}

  static StripeObjects.Session build(JsonObject params, long now, String checkoutBaseUrl) {
    for (String name : params.keySet()) {
      if (!SESSION_PARAMETERS.contains(name)) {
        throw StripeError.invalid("parameter_unknown", name, "Received unknown parameter: " + name);
      }
    }
    String mode = string(params, "mode");
    if (mode == null) {
      throw StripeError.missingParam("mode");
    }
    if (!mode.equals("payment")) {
      throw StripeError.invalid("parameter_invalid_string", "mode",
          "The sandbox emulates Checkout Sessions with mode=payment only, not '" + Redaction.cut(mode) + "'.");
    }
    StripeObjects.Session s = new StripeObjects.Session();
    s.id = Ids.stripe("cs_test_", 58);
    s.created = now;
    s.successUrl = url(params, "success_url");
    s.cancelUrl = url(params, "cancel_url");
    s.customerEmail = string(params, "customer_email");
    s.clientReferenceId = string(params, "client_reference_id");
    if (s.clientReferenceId != null && s.clientReferenceId.length() > 200) {
      throw StripeError.invalid("parameter_invalid_string", "client_reference_id",
          "client_reference_id is " + s.clientReferenceId.length() + " characters; the maximum is 200.");
    }
    s.metadata = metadata(params, "metadata");
    s.uiMode = string(params, "ui_mode") == null ? "hosted_page" : string(params, "ui_mode");
    if (!Set.of("hosted_page", "embedded_page", "elements", "form").contains(s.uiMode)) {
      throw StripeError.invalid("parameter_invalid_string", "ui_mode", "Invalid ui_mode: must be one of hosted_page, "
          + "embedded_page, elements or form (the dahlia API renamed hosted, embedded and custom).");
    }
    JsonObject intentData = object(params, "payment_intent_data");
    if (intentData != null) {
      for (String name : intentData.keySet()) {
        if (!PAYMENT_INTENT_DATA.contains(name)) {
          throw StripeError.invalid("parameter_unknown", "payment_intent_data[" + name + "]",
              "Received unknown parameter: payment_intent_data[" + name + "]");
        }
      }
      s.paymentIntentMetadata = metadata(intentData, "payment_intent_data[metadata]", "metadata");
      s.paymentIntentDescription = string(intentData, "description");
    }
    lineItems(params, s);
    long minimum = MINIMUMS.getOrDefault(s.currency, 0L);
    if (s.amountTotal < minimum) {
      throw StripeError.invalid("amount_too_small", "line_items", "The Checkout Session's total amount due must add "
          + "up to at least " + minimum + " " + s.currency + " (minor units); it is " + s.amountTotal + ".");
    }
    String expiresAt = string(params, "expires_at");
    s.expiresAt = now + 24 * 3600;
    if (expiresAt != null) {
      long requested = integer(expiresAt, "expires_at");
      if (requested > now + 24 * 3600) {
        throw StripeError.invalid("parameter_invalid_integer", "expires_at",
            "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.");
      }
      if (requested < now + 30 * 60) {
        throw StripeError.invalid("parameter_invalid_integer", "expires_at",
            "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.");
      }
      s.expiresAt = requested;
    }
    s.url = s.uiMode.equals("hosted_page") ? checkoutBaseUrl + s.id : null;
    return s;
  }

  private static void lineItems(JsonObject params, StripeObjects.Session s) {
    JsonElement raw = params.get("line_items");
    if (raw == null || !raw.isJsonArray() || raw.getAsJsonArray().isEmpty()) {
      throw StripeError.missingParam("line_items");
    }
    JsonArray items = raw.getAsJsonArray();
    for (int i = 0; i < items.size(); i++) {
      String p = "line_items[" + i + "]";
      if (!items.get(i).isJsonObject()) {
        throw StripeError.invalid("parameter_invalid_string", p, "Invalid object: " + p);
      }
      JsonObject item = items.get(i).getAsJsonObject();
      if (item.has("price")) {
        throw StripeError.noSuch("price", item.get("price").getAsString(), p + "[price]");
      }
      String quantityText = string(item, "quantity");
      if (quantityText == null) {
        throw StripeError.missingParam(p + "[quantity]");
      }
      long quantity = integer(quantityText, p + "[quantity]");
      if (quantity < 1) {
        throw StripeError.invalid("parameter_invalid_integer", p + "[quantity]",
            "This value must be greater than or equal to 1.");
      }
      JsonObject price = object(item, "price_data");
      if (price == null) {
        throw StripeError.missingParam(p + "[price_data]");
      }
      String currency = string(price, "currency");
      if (currency == null) {
        throw StripeError.missingParam(p + "[price_data][currency]");
      }
      if (!currency.matches("[A-Za-z]{3}")) {
        throw StripeError.invalid("parameter_invalid_string", p + "[price_data][currency]",
            "Invalid currency: " + Redaction.cut(currency));
      }
      currency = currency.toLowerCase(Locale.ROOT);
      if (s.currency != null && !s.currency.equals(currency)) {
        throw StripeError.invalid("parameter_invalid_string", p + "[price_data][currency]",
            "All line items of a Checkout Session must share one currency: " + s.currency + " and " + currency + ".");
      }
      s.currency = currency;
      String unit = string(price, "unit_amount");
      if (unit == null) {
        throw StripeError.missingParam(p + "[price_data][unit_amount]");
      }
      long unitAmount = integer(unit, p + "[price_data][unit_amount]");
      if (unitAmount < 0) {
        throw StripeError.invalid("parameter_invalid_integer", p + "[price_data][unit_amount]",
            "This value must be greater than or equal to 0.");
      }
      JsonObject product = object(price, "product_data");
      String name = product == null ? null : string(product, "name");
      if (name == null) {
        throw StripeError.missingParam(p + "[price_data][product_data][name]");
      }
      long total = Math.multiplyExact(unitAmount, quantity);
      s.amountSubtotal = Math.addExact(s.amountSubtotal, total);
      s.amountTotal = s.amountSubtotal;
      JsonObject lineItem = new JsonObject();
      lineItem.addProperty("id", Ids.stripe("li_", 24));
      lineItem.addProperty("object", "item");
      lineItem.addProperty("amount_subtotal", total);
      lineItem.addProperty("amount_total", total);
      lineItem.addProperty("currency", currency);
      lineItem.addProperty("description", name);
      lineItem.addProperty("quantity", quantity);
      JsonObject priceJson = new JsonObject();
      priceJson.addProperty("object", "price");
      priceJson.addProperty("currency", currency);
      priceJson.addProperty("unit_amount", unitAmount);
      lineItem.add("price", priceJson);
      s.lineItems.add(lineItem);
    }
  }

  static String string(JsonObject o, String name) {
    JsonElement v = o.get(name);
    return v == null || !v.isJsonPrimitive() ? null : v.getAsString();
  }

  private static JsonObject object(JsonObject o, String name) {
    JsonElement v = o.get(name);
    return v != null && v.isJsonObject() ? v.getAsJsonObject() : null;
  }

  private static String url(JsonObject params, String name) {
    String value = string(params, name);
    if (value != null && !(value.startsWith("https://") || value.startsWith("http://"))) {
      throw StripeError.invalid("url_invalid", name, "Not a valid URL");
    }
    return value;
  }

  static long integer(String text, String param) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw StripeError.invalid("parameter_invalid_integer", param, "Invalid integer: " + Redaction.cut(text));
    }
  }

  static Map<String, String> metadata(JsonObject params, String name) {
    return metadata(params, name, name);
  }

  /** Metadata limits: 50 keys, keys up to 40 characters without brackets, values up to 500 (payments.md 0). */
  static Map<String, String> metadata(JsonObject params, String param, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonObject metadata = object(params, name);
    if (metadata == null) {
      return out;
    }
    if (metadata.size() > 50) {
      throw StripeError.invalid("parameter_invalid_string", param,
          "Metadata can have up to 50 keys; " + metadata.size() + " were given.");
    }
    for (Map.Entry<String, JsonElement> e : metadata.entrySet()) {
      if (e.getKey().length() > 40) {
        throw StripeError.invalid("parameter_invalid_string", param + "[" + e.getKey() + "]",
            "Metadata keys can be up to 40 characters long; '" + Redaction.cut(e.getKey()) + "' is "
                + e.getKey().length() + ".");
      }
      String value = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString();
      if (value.length() > 500) {
        throw StripeError.invalid("parameter_invalid_string", param + "[" + e.getKey() + "]",
            "Metadata values can be up to 500 characters long; the value of '" + Redaction.cut(e.getKey())
                + "' is " + value.length() + ".");
      }
      if (!value.isEmpty()) {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }
}
