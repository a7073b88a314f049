package dev.parley.testkit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The hosted payment page behind a session's {@code url}: {@code GET /pay/{id}} shows the amount and a
 * Pay button, {@code POST /pay/{id}} pays (as {@link StripeAccount#payCheckoutSession} does) and
 * redirects to the {@code success_url}. Lets a person click through a demo. Thread-safe.
 */
final class CheckoutPage {
  static final String PREFIX = "/pay/";
  /** Currencies Stripe counts without decimals (payments.md 4), for display only. */
  private static final List<String> ZERO_DECIMAL = List.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
      "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");
  private static final List<String> THREE_DECIMAL = List.of("bhd", "jod", "kwd", "omr", "tnd");

  private final StripeState state;
  private final StripeWebhooks webhooks;

  CheckoutPage(StripeState state, StripeWebhooks webhooks) {
    this.state = state;
    this.webhooks = webhooks;
  }

  Response handle(IncomingRequest request) {
    String id = request.path().substring(PREFIX.length());
    StripeObjects.Session session;
    String amount;
    String status;
    String successUrl;
    synchronized (state) {
      try {
        session = state.session(id);
      } catch (StripeError e) {
        return Response.html(404, page("Unknown checkout session", "<p>There is no checkout session "
            + escape(id) + ".</p>"));
      }
      amount = format(session.amountTotal, session.currency);
      status = session.status;
      successUrl = session.successUrl;
    }
    if (request.method().equals("POST") && status.equals("open")) {
      webhooks.deliverLater(state.pay(id, false));
      if (successUrl != null) {
        return Response.redirect(successUrl.replace("{CHECKOUT_SESSION_ID}", id));
      }
      return Response.html(200, page("Paid", "<p>Thank you: " + escape(amount) + " paid.</p>"));
    }
    if (!status.equals("open")) {
      return Response.html(410, page("Checkout " + escape(status), "<p>This checkout session is " + escape(status)
          + ".</p>"));
    }
    return Response.html(200, page("Pay " + escape(amount), "<p>Sandbox checkout for session <code>" + escape(id)
        + "</code>.</p><form method=\"post\"><button type=\"submit\">Pay " + escape(amount) + "</button></form>"));
  }

  static String format(long minor, String currency) {
    int exponent = ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
    return BigDecimal.valueOf(minor, exponent).toPlainString() + " " + currency.toUpperCase(java.util.Locale.ROOT);
  }

  private static String page(String title, String content) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
        + "</title></head><body><h1>" + title + "</h1>" + content + "</body></html>";
  }

  private static final Map<Character, String> ENTITIES =
      Map.of('&', "&amp;", '<', "&lt;", '>', "&gt;", '"', "&quot;", '\'', "&#39;");

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(ENTITIES.getOrDefault(c, String.valueOf(c)));
    }
    return out.toString();
  }
}
