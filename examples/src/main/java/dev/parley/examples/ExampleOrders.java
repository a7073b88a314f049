package dev.parley.examples;

import java.util.Locale;
import java.util.Map;

/** The example shop's orders, for "where is my order". A real bot asks the merchant's order system. */
final class ExampleOrders {
  private record Status(String en, String fr) {}

  private static final Map<String, Status> ORDERS = Map.of(
      "A-1042", new Status("Order A-1042 shipped yesterday; it should arrive tomorrow. Track it at "
          + "https://track.example/A-1042", "La commande A-1042 est partie hier ; elle devrait arriver demain. "
          + "Suivez-la sur https://track.example/A-1042"),
      "A-1043", new Status("Order A-1043 was delivered on Monday.", "La commande A-1043 a été livrée lundi."));

  private ExampleOrders() {}

  static String status(String orderNumber, String language) {
    String key = orderNumber == null ? "" : orderNumber.strip().toUpperCase(Locale.ROOT);
    Status status = ORDERS.get(key);
    if (status == null) {
      return "fr".equals(language) ? "Je ne trouve pas la commande " + orderNumber + ". Vérifiez le numéro, ou "
          + "demandez une personne." : "I can't find order " + orderNumber + ". Check the number, or ask for a person.";
    }
    return "fr".equals(language) ? status.fr() : status.en();
  }
}
