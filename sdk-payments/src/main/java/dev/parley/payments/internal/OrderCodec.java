package dev.parley.payments.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.core.Channel;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import dev.parley.payments.Order;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Orders as the JSON kept in {@code parley_payment_orders.order_json}. Amounts are minor units
 * (exact); the currency is stored once. Public for the payments module's store only; not an API.
 */
public final class OrderCodec {
  private OrderCodec() {}

  public static String encode(Order order) {
    JsonObject json = new JsonObject();
    json.addProperty("id", order.id());
    json.addProperty("version", order.version());
    JsonObject customer = new JsonObject();
    customer.addProperty("channel", order.customer().channel().name());
    customer.addProperty("business_id", order.customer().businessId());
    customer.addProperty("user_id", order.customer().userId());
    json.add("customer", customer);
    json.addProperty("customer_name", order.customerName());
    json.addProperty("customer_email", order.customerEmail());
    json.addProperty("conversation_id", order.conversationId());
    json.addProperty("currency", order.currency().getCurrencyCode());
    JsonArray items = new JsonArray();
    for (Order.LineItem item : order.items()) {
      JsonObject line = new JsonObject();
      line.addProperty("name", item.name());
      line.addProperty("quantity", item.quantity());
      line.addProperty("unit_price", item.unitPrice().minorUnits());
      line.addProperty("image_url", item.imageUrl());
      items.add(line);
    }
    json.add("items", items);
    if (order.shipping() != null) {
      JsonObject shipping = new JsonObject();
      shipping.addProperty("label", order.shipping().label());
      shipping.addProperty("cost", order.shipping().cost().minorUnits());
      Order.Address address = order.shipping().address();
      if (address != null) {
        JsonObject a = new JsonObject();
        a.addProperty("street1", address.street1());
        a.addProperty("street2", address.street2());
        a.addProperty("city", address.city());
        a.addProperty("postal_code", address.postalCode());
        a.addProperty("state", address.state());
        a.addProperty("country", address.country());
        shipping.add("address", a);
      }
      json.add("shipping", shipping);
    }
    json.add("taxes", adjustments(order.taxes()));
    json.add("discounts", adjustments(order.discounts()));
    return json.toString();
  }

  public static Order decode(String text) {
    JsonObject json = JsonParser.parseString(text).getAsJsonObject();
    Currency currency = Currency.getInstance(json.get("currency").getAsString());
    JsonObject c = json.getAsJsonObject("customer");
    Recipient customer = new Recipient(Channel.valueOf(c.get("channel").getAsString()),
        c.get("business_id").getAsString(), c.get("user_id").getAsString());
    List<Order.LineItem> items = new ArrayList<>();
    for (JsonElement e : json.getAsJsonArray("items")) {
      JsonObject line = e.getAsJsonObject();
      items.add(new Order.LineItem(line.get("name").getAsString(), line.get("quantity").getAsLong(),
          new Money(line.get("unit_price").getAsLong(), currency), text(line, "image_url")));
    }
    Order.Shipping shipping = null;
    if (json.has("shipping")) {
      JsonObject s = json.getAsJsonObject("shipping");
      Order.Address address = null;
      if (s.has("address")) {
        JsonObject a = s.getAsJsonObject("address");
        address = new Order.Address(text(a, "street1"), text(a, "street2"), text(a, "city"), text(a, "postal_code"),
            text(a, "state"), text(a, "country"));
      }
      shipping = new Order.Shipping(s.get("label").getAsString(), new Money(s.get("cost").getAsLong(), currency), address);
    }
    return new Order(json.get("id").getAsString(), json.get("version").getAsInt(), customer,
        json.get("customer_name").getAsString(), text(json, "customer_email"), json.get("conversation_id").getAsString(),
        currency, items, shipping, adjustments(json.getAsJsonArray("taxes"), currency),
        adjustments(json.getAsJsonArray("discounts"), currency));
  }

  private static JsonArray adjustments(List<Order.Adjustment> adjustments) {
    JsonArray array = new JsonArray();
    for (Order.Adjustment adjustment : adjustments) {
      JsonObject a = new JsonObject();
      a.addProperty("label", adjustment.label());
      a.addProperty("amount", adjustment.amount().minorUnits());
      array.add(a);
    }
    return array;
  }

  private static List<Order.Adjustment> adjustments(JsonArray array, Currency currency) {
    List<Order.Adjustment> adjustments = new ArrayList<>();
    for (JsonElement e : array) {
      JsonObject a = e.getAsJsonObject();
      adjustments.add(new Order.Adjustment(a.get("label").getAsString(), new Money(a.get("amount").getAsLong(), currency)));
    }
    return adjustments;
  }

  static String text(JsonObject json, String field) {
    JsonElement value = json.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }
}
