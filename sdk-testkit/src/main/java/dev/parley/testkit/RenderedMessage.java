package dev.parley.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated outbound message as the customer would see it: its kind, a one-line summary and the
 * choices it offers. Immutable.
 */
record RenderedMessage(String kind, String summary, List<Offer> offers) {

  /** One choice offered: see {@link CustomerState.OfferedChoice} for the kinds. */
  record Offer(String kind, String title, String value, String description) {}

  RenderedMessage {
    offers = List.copyOf(offers);
  }

  List<String> titles() {
    return offers.stream().map(Offer::title).toList();
  }

  List<CustomerState.OfferedChoice> offeredBy(String messageId) {
    List<CustomerState.OfferedChoice> out = new ArrayList<>();
    for (Offer o : offers) {
      out.add(new CustomerState.OfferedChoice(messageId, o.kind(), o.title(), o.value(), o.description()));
    }
    return out;
  }

  /** {@code text [label: a | b]}, or just the text when there is nothing to list. */
  static String withList(String text, String label, List<String> items) {
    return items.isEmpty() ? text : text + " [" + label + ": " + String.join(" | ", items) + "]";
  }
}
