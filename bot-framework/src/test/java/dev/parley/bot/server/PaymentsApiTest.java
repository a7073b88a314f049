package dev.parley.bot.server;

import static dev.parley.bot.server.ServerHarness.ALICE_TOKEN;
import static dev.parley.bot.server.ServerHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.core.Money;
import dev.parley.core.testing.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payment buttons, orders and refunds through the agent API, over the payment desk interface. */
class PaymentsApiTest {
  @TempDir
  Path data;
  private MockGraph graph;
  private ServerHarness server;
  private final InMemoryPaymentDesk payments = new InMemoryPaymentDesk();
  private String path;

  @BeforeEach
  void start() {
    graph = new MockGraph();
    server = new ServerHarness(graph, data, new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)), payments);
    server.customerSays("I was charged twice for my order");
    server.customerReads(1);
    path = "/inbox/api/conversations/" + server.customer.key();
    payments.paidOrder(server.service.desk().store().customer(server.customer).id(), "A-1042",
        Money.parse("42.00", "EUR"));
  }

  @AfterEach
  void stop() {
    server.close();
    graph.close();
  }

  @Test
  void aPaymentProblemIsQueuedWithTheCustomersOrders() {
    JsonObject entry = json(server.get("/inbox/api/queue", ALICE_TOKEN)).getAsJsonArray("conversations").get(0)
        .getAsJsonObject();
    assertEquals("payment_problem", entry.get("reason").getAsString());
    JsonObject view = json(server.get(path, ALICE_TOKEN));
    assertTrue(view.get("paymentsEnabled").getAsBoolean());
    JsonObject order = view.getAsJsonArray("orders").get(0).getAsJsonObject();
    assertEquals("A-1042", order.get("orderId").getAsString());
    assertEquals("paid", order.get("paymentState").getAsString());
    assertEquals("42.00", order.getAsJsonObject("refundable").get("amount").getAsString());
  }

  @Test
  void anAgentSendsAPaymentButtonForAnAmount() {
    HttpResponse<String> created = server.post(path + "/payment-button", ALICE_TOKEN,
        "{\"amount\":\"15.50\",\"currency\":\"EUR\",\"description\":\"Express delivery\",\"requestId\":\"r-1\"}");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject payment = json(created).getAsJsonObject("payment");
    assertEquals("€15.50", payment.getAsJsonObject("amount").get("formatted").getAsString());
    JsonObject sent = graph.sends().get(graph.sends().size() - 1).getAsJsonObject("message")
        .getAsJsonObject("attachment").getAsJsonObject("payload");
    var button = sent.getAsJsonArray("buttons").get(0).getAsJsonObject();
    assertEquals("Pay €15.50", button.get("title").getAsString());
    assertEquals(payment.get("url").getAsString(), button.get("url").getAsString());
    assertEquals("alice", payments.agents.get(0), "the payment desk knows which agent asked");
    server.post(path + "/payment-button", ALICE_TOKEN,
        "{\"amount\":\"15.50\",\"currency\":\"EUR\",\"description\":\"Express delivery\",\"requestId\":\"r-1\"}");
    assertEquals(2, payments.orders(server.service.desk().store().customer(server.customer).id(), server.customer).size(),
        "a retried request makes no second order");
  }

  @Test
  void partialRefundsStopAtWhatWasPaid() {
    HttpResponse<String> first = server.post(path + "/refunds", ALICE_TOKEN,
        "{\"orderId\":\"A-1042\",\"amount\":\"30.00\",\"currency\":\"EUR\",\"reason\":\"charged twice\",\"requestId\":\"q1\"}");
    assertEquals(201, first.statusCode(), first.body());
    assertEquals("30.00", json(first).getAsJsonObject("refund").getAsJsonObject("amount").get("amount").getAsString());
    HttpResponse<String> tooMuch = server.post(path + "/refunds", ALICE_TOKEN,
        "{\"orderId\":\"A-1042\",\"amount\":\"20.00\",\"currency\":\"EUR\",\"requestId\":\"q2\"}");
    assertEquals(400, tooMuch.statusCode());
    assertTrue(json(tooMuch).getAsJsonObject("error").get("message").getAsString().contains("refundable"));
    HttpResponse<String> rest = server.post(path + "/refunds", ALICE_TOKEN, "{\"orderId\":\"A-1042\",\"requestId\":\"q3\"}");
    assertEquals(201, rest.statusCode(), rest.body());
    assertEquals("12.00", json(rest).getAsJsonObject("refund").getAsJsonObject("amount").get("amount").getAsString());
    assertEquals(404, server.post(path + "/refunds", ALICE_TOKEN, "{\"orderId\":\"Z-9\"}").statusCode());
    JsonObject actions = json(server.get("/inbox/api/actions?target=" + server.customer.key(), ALICE_TOKEN));
    assertEquals(2, actions.getAsJsonArray("actions").asList().stream()
        .filter(a -> a.getAsJsonObject().get("action").getAsString().equals("refund")).count());
  }
}
