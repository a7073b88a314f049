package dev.parley.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The same text sends for every contender: which page sends which text to which customer. Pages
 * and customers are numbered; page {@code i} has the id {@code 1000000000000 + i} and the token
 * {@code bench-page-token-<i>}. Immutable.
 *
 * @param pages how many pages the sends are spread over
 * @param sends the sends, in submission order
 */
record SendPlan(int pages, List<Send> sends) {

  SendPlan {
    sends = List.copyOf(sends);
  }

  /** One text from a page to a customer of that page. */
  record Send(int page, String psid, String text) {}

  /**
   * {@code count} sends to {@code customers} customers spread round-robin over {@code pages} pages
   * (customer {@code c} always writes to page {@code c % pages}).
   */
  static SendPlan roundRobin(int count, int customers, int pages) {
    List<Send> sends = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int customer = i % customers;
      sends.add(new Send(customer % pages, psid(customer), "Your order A-" + (100_000 + i) + " has shipped."));
    }
    return new SendPlan(pages, sends);
  }

  static String pageId(int page) {
    return Long.toString(1_000_000_000_000L + page);
  }

  static String pageToken(int page) {
    return "bench-page-token-" + page;
  }

  static String psid(int customer) {
    return Long.toString(7_000_000_000_000_000L + customer);
  }

  int size() {
    return sends.size();
  }
}
