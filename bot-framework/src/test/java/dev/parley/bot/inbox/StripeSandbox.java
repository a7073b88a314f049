package dev.parley.bot.inbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import dev.parley.bot.concierge.CustomerOrder;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.concierge.PaymentLink;
import dev.parley.bot.concierge.RefundReceipt;
import dev.parley.core.Money;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.payments.CheckoutButtons;
import dev.parley.payments.IssuedRefund;
import dev.parley.payments.Order;
import dev.parley.payments.PaymentState;
import dev.parley.payments.PaymentStore;
import dev.parley.payments.RefundRefusedException;
import dev.parley.payments.RefundRequest;
import dev.parley.payments.StripeEventSigner;
import dev.parley.payments.StripeWebhookHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Payments for the inbox tests, the real way: sdk-payments' {@link CheckoutButtons} on stripe-java,
 * pointed at a MockWebServer that answers in Stripe's shapes (fixtures from Stripe's API reference)
 * and records the refunds asked of it; payments arrive as signed {@code checkout.session.completed}
 * events through sdk-payments' webhook handler. {@link #desk()} adapts it to the bot framework's
 * {@link PaymentDesk}, as an application wires the two modules together.
 */
final class StripeSandbox implements AutoCloseable {
  private static final String SECRET = "whsec_inbox_tests_4d9e1f7a";

  private final MockWebServer stripeApi = new MockWebServer();
  private final List<Map<String, String>> refunds = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final PaymentStore store = PaymentStore.inMemory();
  private final CheckoutButtons checkout;
  private final StripeWebhookHandler webhook;
  private final Map<String, List<String>> ordersByConversation = new ConcurrentHashMap<>();

  StripeSandbox() {
    stripeApi.setDispatcher(new StripeApi());
    try {
      stripeApi.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String base = stripeApi.url("/").toString();
    StripeClient stripe = StripeClient.builder()
        .setApiKey("sk_test_51InboxTestsKeyabcdefghijklmnopqrstuvwxyz")
        .setApiBase(base.substring(0, base.length() - 1))
        .setMaxNetworkRetries(0)
        .build();
    checkout = CheckoutButtons.builder()
        .stripe(stripe).store(store)
        .successUrl("https://shop.example/thanks").cancelUrl("https://shop.example/cart")
        .build();
    webhook = checkout.webhookHandler().signingSecret(SECRET).build();
  }

  /** An order of {@code customer} that was paid through its Checkout page. */
  void paidOrder(Recipient customer, String name, String orderId, String description, String amount) {
    Order order = Order.builder(orderId, customer, customer.key()).customerName(name)
        .item(description, 1, Money.parse(amount, "EUR"))
        .build();
    dev.parley.payments.PaymentLink link = checkout.create(order);
    ordersByConversation.computeIfAbsent(customer.key(), k -> new CopyOnWriteArrayList<>()).add(0, orderId);
    JsonObject event = fixture("event_checkout_session_completed.json");
    event.addProperty("id", "evt_paid_" + ids.incrementAndGet());
    JsonObject session = event.getAsJsonObject("data").getAsJsonObject("object");
    session.addProperty("id", link.sessionId());
    session.addProperty("amount_total", order.total().minorUnits());
    session.addProperty("amount_subtotal", order.total().minorUnits());
    session.addProperty("client_reference_id", orderId);
    session.addProperty("payment_intent", "pi_inbox_" + ids.incrementAndGet());
    session.getAsJsonObject("metadata").addProperty("parley_order_id", orderId);
    session.getAsJsonObject("metadata").addProperty("parley_customer", customer.key());
    session.getAsJsonObject("metadata").addProperty("parley_conversation_id", customer.key());
    String payload = event.toString();
    StripeWebhookHandler.Response answer = webhook.handle(new StripeEventSigner(SECRET).headers(payload, Instant.now()),
        payload.getBytes(StandardCharsets.UTF_8));
    if (answer.status() != 200) {
      throw new AssertionError("the payment event was refused: " + answer.status() + " " + answer.body());
    }
  }

  /** How many refunds Stripe was asked for. */
  int refundRequests() {
    return refunds.size();
  }

  /** The form of the last refund Stripe was asked for. */
  Map<String, String> lastRefundForm() {
    return refunds.get(refunds.size() - 1);
  }

  /** The bot framework's view of these payments. */
  PaymentDesk desk() {
    return new Desk();
  }

  @Override
  public void close() {
    stripeApi.close();
  }

  private static JsonObject fixture(String name) {
    try (InputStream in = StripeSandbox.class.getResourceAsStream("/fixtures/stripe/" + name)) {
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new HashMap<>();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  /** Stripe's API, as much as checkout and refunds use. */
  private final class StripeApi extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      Map<String, String> form = form(request);
      if (path.equals("/v1/checkout/sessions")) {
        JsonObject session = fixture("checkout_session_created.json");
        String id = "cs_test_inbox" + ids.incrementAndGet();
        long total = 0;
        for (int i = 0; form.containsKey("line_items[" + i + "][quantity]"); i++) {
          total += Long.parseLong(form.get("line_items[" + i + "][quantity]"))
              * Long.parseLong(form.get("line_items[" + i + "][price_data][unit_amount]"));
        }
        session.addProperty("id", id);
        session.addProperty("amount_total", total);
        session.addProperty("amount_subtotal", total);
        session.addProperty("client_reference_id", form.get("client_reference_id"));
        session.addProperty("expires_at", Instant.now().plusSeconds(86_000).getEpochSecond());
        session.addProperty("url", "https://checkout.stripe.com/c/pay/" + id);
        JsonObject metadata = new JsonObject();
        form.forEach((key, value) -> {
          if (key.startsWith("metadata[")) {
            metadata.addProperty(key.substring(9, key.length() - 1), value);
          }
        });
        session.add("metadata", metadata);
        return json(200, session);
      }
      if (path.equals("/v1/refunds")) {
        refunds.add(form);
        JsonObject refund = fixture("refund_succeeded.json");
        refund.addProperty("id", "re_inbox" + ids.incrementAndGet());
        refund.addProperty("amount", Long.parseLong(form.get("amount")));
        refund.addProperty("payment_intent", form.get("payment_intent"));
        return json(200, refund);
      }
      JsonObject error = new JsonObject();
      JsonObject detail = new JsonObject();
      detail.addProperty("type", "invalid_request_error");
      detail.addProperty("message", "Unrecognized request URL (" + request.getMethod() + ": " + path + ")");
      error.add("error", detail);
      return json(404, error);
    }

    private MockResponse json(int code, JsonObject body) {
      return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
          .addHeader("Request-Id", "req_inbox" + ids.incrementAndGet()).body(body.toString()).build();
    }
  }

  /** sdk-payments seen through the bot framework's {@link PaymentDesk}. */
  private final class Desk implements PaymentDesk {
    private final Map<String, PaymentLink> links = new ConcurrentHashMap<>();

    @Override
    public List<CustomerOrder> orders(String customerId, Recipient conversation) {
      List<CustomerOrder> orders = new ArrayList<>();
      for (String orderId : ordersByConversation.getOrDefault(conversation.key(), List.of())) {
        Order order = store.order(orderId).orElseThrow();
        PaymentState state = store.state(orderId).orElseThrow();
        orders.add(new CustomerOrder(orderId, order.items().get(0).name(), order.total(),
            state.status().name().toLowerCase(Locale.ROOT).replace("partially", "partly"), state.refunded(),
            state.checkoutUrl(), state.updatedAt()));
      }
      return orders;
    }

    @Override
    public PaymentLink createPaymentLink(Recipient conversation, String customerId, Money amount, String description,
        String idempotencyKey, String agent) {
      return links.computeIfAbsent(idempotencyKey, key -> {
        String orderId = "P-" + (1000 + ids.incrementAndGet());
        Order order = Order.builder(orderId, conversation, conversation.key()).customerName("Customer " + customerId)
            .item(description, 1, amount).build();
        try {
          dev.parley.payments.PaymentLink link = checkout.create(order);
          ordersByConversation.computeIfAbsent(conversation.key(), k -> new CopyOnWriteArrayList<>()).add(0, orderId);
          return new PaymentLink(orderId, link.url(), amount, link.expiresAt());
        } catch (ParleyException e) {
          throw new DeskException(Problem.PLATFORM, "the payment link was not created: " + e.getMessage(), e);
        }
      });
    }

    @Override
    public RefundReceipt refund(String orderId, Money amount, String reason, String idempotencyKey, String agent) {
      RefundRequest request = amount == null ? RefundRequest.full(orderId, idempotencyKey, agent)
          : RefundRequest.partial(orderId, amount, idempotencyKey, agent);
      try {
        IssuedRefund refund = checkout.refunds().refund(request);
        return new RefundReceipt(refund.refundId() == null ? "pending" : refund.refundId(), orderId, refund.amount(),
            refund.status().name().toLowerCase(Locale.ROOT));
      } catch (RefundRefusedException e) {
        throw new DeskException(Problem.INVALID, e.getMessage(), e);
      } catch (ParleyException e) {
        throw new DeskException(Problem.PLATFORM, "the refund was not made: " + e.getMessage(), e);
      }
    }
  }
}
