package dev.parley.bot.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.parley.bot.agent.Agent;
import dev.parley.bot.agent.AgentHttpApi;
import dev.parley.bot.agent.AgentTokens;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.handoff.HandoffReason;
import dev.parley.bot.server.DeskRig;
import dev.parley.core.property.JsonMutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The inbox API's JSON request bodies (every documented POST body of INBOX_API.md) mutated 10,000
 * times and sent over HTTP to a real {@link AgentHttpApi}, as a signed-in agent, against a conversation
 * with people and an open concierge task: every answer is a success or a 4xx/502/503 with the
 * documented error JSON, never a 500, and the API still answers a plain request afterwards.
 */
class InboxApiPropertyTest {

  static {
    // Thousands of refused bodies would print thousands of log lines; the statuses are what is asserted.
    System.setProperty("org.slf4j.simpleLogger.log.dev.parley.bot.agent", "off");
  }

  private static final String TOKEN = "token-of-alice-0123456789";
  private static final String CONVERSATION = "messenger:" + dev.parley.bot.server.MockGraph.PAGE_ID + ":3100000001";

  /** Each documented POST body and where it goes; {task} is the open task's number. */
  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("/inbox/api/session", "{\"token\":\"" + TOKEN + "\"}"),
      new Endpoint("/inbox/api/conversations/" + CONVERSATION + "/messages", "{\"text\":\"Hello, I'm Alice.\"}"),
      new Endpoint("/inbox/api/conversations/" + CONVERSATION + "/payment-button",
          "{\"amount\":\"42.00\",\"currency\":\"EUR\",\"description\":\"Gift wrapping\",\"requestId\":\"req-1\"}"),
      new Endpoint("/inbox/api/conversations/" + CONVERSATION + "/refunds",
          "{\"orderId\":\"A-1042\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"reason\":\"damaged\",\"requestId\":\"r-1\"}"),
      new Endpoint("/inbox/api/tasks", "{\"conversationId\":\"" + CONVERSATION + "\",\"kind\":\"purchase\","
          + "\"language\":\"en\",\"slots\":{\"what\":\"a red scarf\",\"when\":\"Friday\",\"where\":\"Paris\","
          + "\"forWhom\":\"my sister\",\"budget\":{\"amount\":\"120.00\",\"currency\":\"EUR\"},\"notes\":\"wool\"}}"),
      new Endpoint("/inbox/api/tasks/{task}/messages", "{\"text\":\"Which evening suits you?\",\"awaitReply\":true}"),
      new Endpoint("/inbox/api/tasks/{task}/complete", "{\"outcome\":\"Booked at Chez Marcel, Friday 8pm.\"}"),
      new Endpoint("/inbox/api/tasks/{task}/cancel", "{\"reason\":\"The shop is closed that week.\"}"),
      new Endpoint("/inbox/api/tasks/{task}/payment-button",
          "{\"amount\":\"89.00\",\"currency\":\"EUR\",\"description\":\"Red scarf\"}"));

  private DeskRig rig;
  private HttpServer server;
  private String base;
  private long task;
  private int tries;

  @BeforeProperty
  void startTheApi() throws IOException {
    rig = new DeskRig();
    rig.customerWrites(rig.customer, "I need a person");
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");
    task = rig.agents.createTask(new Agent("alice"), CONVERSATION, TaskKind.PURCHASE, TaskSlots.EMPTY, "en").number();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/inbox/api", new AgentHttpApi(rig.agents, AgentTokens.parse("alice:" + TOKEN)));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterProperty
  void stopTheApi() {
    server.stop(0);
    rig.close();
  }

  @Property(tries = 10_000)
  void aMutatedBodyGetsASuccessOrATypedErrorNeverA500(@ForAll("mutants") Mutant mutant) {
    Answer response = post(mutant.path(task), mutant.body());

    assertNotEquals(500, response.statusCode(), () -> response.body() + " for " + mutant);
    assertTrue(response.statusCode() < 300 || List.of(400, 401, 404, 409, 413, 422, 502, 503)
        .contains(response.statusCode()), () -> response.statusCode() + " " + response.body() + " for " + mutant);
    // HttpURLConnection keeps the body of a 401 to itself (it handles authentication); other errors show theirs.
    if (response.statusCode() >= 400 && response.statusCode() != 401) {
      JsonElement answer = JsonParser.parseString(response.body());
      assertTrue(answer.isJsonObject(), () -> response.statusCode() + " '" + response.body() + "' for " + mutant);
      JsonElement error = answer.getAsJsonObject().get("error");
      assertEquals(response.statusCode(), error.getAsJsonObject().get("status").getAsInt(), () -> "for " + mutant);
    }
    if (++tries % 1000 == 0) {
      assertEquals(200, get("/inbox/api/me").statusCode(), () -> "the API still answers after " + mutant);
    }
  }

  @Provide
  Arbitrary<Mutant> mutants() {
    return Combinators.combine(Arbitraries.integers().between(0, ENDPOINTS.size() - 1),
        Arbitraries.integers().between(1, 4), Arbitraries.longs()).as(Mutant::new);
  }

  /** Endpoint {@code endpoint}'s documented body with {@code mutations} edits drawn from {@code seed}. */
  record Mutant(int endpoint, int mutations, long seed) {
    String path(long task) {
      return ENDPOINTS.get(endpoint).path().replace("{task}", Long.toString(task));
    }

    byte[] body() {
      return JsonMutator.mutate(ENDPOINTS.get(endpoint).body(), mutations, seed);
    }

    @Override
    public String toString() {
      return "POST " + ENDPOINTS.get(endpoint).path() + " with JsonMutator.mutate(" + ENDPOINTS.get(endpoint).body()
          + ", " + mutations + ", " + seed + "L)";
    }
  }

  private record Endpoint(String path, String body) {}

  private Answer post(String path, byte[] body) {
    return exchange("POST", path, body);
  }

  private Answer get(String path) {
    return exchange("GET", path, null);
  }

  /** One request over a kept-alive connection (HttpURLConnection pools them). */
  private Answer exchange(String method, String path, byte[] body) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
      connection.setRequestMethod(method);
      connection.setRequestProperty("Authorization", "Bearer " + TOKEN);
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (in != null) {
        in.close();
      }
      return new Answer(status, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Answer(int statusCode, String body) {}
}
