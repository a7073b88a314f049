package dev.parley.bot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.parley.bot.handoff.HandoffReason;
import dev.parley.bot.server.DeskRig;
import dev.parley.bot.server.MockGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent API over a real JDK HTTP server: path decoding, refused requests and amounts. */
class AgentHttpApiTest {
  private static final String TOKEN = "token-of-alice-0123456789";
  private static final String CONVERSATION = "messenger:" + MockGraph.PAGE_ID + ":3100000001";

  private final HttpClient client = HttpClient.newHttpClient();
  private DeskRig rig;
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    rig = new DeskRig();
    rig.customerWrites(rig.customer, "I need a person");
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/inbox/api", new AgentHttpApi(rig.agents, AgentTokens.parse("alice:" + TOKEN)));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    rig.close();
  }

  @Test
  void aPlusInAPathSegmentIsAPlusNotASpace() throws Exception {
    String id = "messenger:" + MockGraph.PAGE_ID + ":31+00";

    for (String path : List.of(id, id.replace("+", "%2B"))) {
      HttpResponse<String> answer = get("/inbox/api/conversations/" + path);

      assertEquals(404, answer.statusCode(), answer.body());
      assertTrue(message(answer).contains("31+00"), path + " was decoded as: " + answer.body());
    }
  }

  @Test
  void aPlusInAQueryIsStillASpace() throws Exception {
    HttpResponse<String> answer = get("/inbox/api/queue?limit=+7");

    // "+7" is " 7" in form encoding, which is not a whole number: the parameter was form-decoded.
    assertEquals(400, answer.statusCode(), answer.body());
    assertTrue(message(answer).contains("' 7'"), answer.body());
  }

  @Test
  void aRefusedRequestIsAnsweredAndKeepsItsConnection() throws Exception {
    // Larger than the 64 KiB the JDK server reads of an unread body on its own before closing.
    String body = "{\"outcome\":\"" + "x".repeat(256 * 1024) + "\"}";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
      // 404, 400 (a bad task number), 405 and 401, each refused before its body is read.
      for (String[] request : List.of(new String[] {"POST", "/inbox/api/nothing", TOKEN},
          new String[] {"POST", "/inbox/api/tasks/abc/complete", TOKEN},
          new String[] {"PUT", "/inbox/api/queue", TOKEN},
          new String[] {"POST", "/inbox/api/tasks/1/complete", "not-a-token-0000000000"})) {
        int status = exchange(socket, request[0], request[1], request[2], body);

        assertTrue(status >= 400 && status < 500, request[1] + " answered " + status);
        assertEquals(200, exchange(socket, "GET", "/inbox/api/me", TOKEN, ""),
            "the connection still serves after " + request[0] + " " + request[1]);
      }
    }
  }

  @Test
  void aBooleanOrAHugeNumberAsAnAmountIsA400NamingFieldValueAndLimit() throws Exception {
    String path = "/inbox/api/conversations/" + CONVERSATION + "/payment-button";
    for (String amount : List.of("true", "1e400", "\"1e-999\"", "1e999999999", "{\"value\":1}")) {
      HttpResponse<String> answer = post(path,
          "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"description\":\"Gift wrapping\"}");

      assertEquals(400, answer.statusCode(), amount + ": " + answer.body());
      String message = message(answer);
      assertTrue(message.contains("'amount'") && message.contains(amount) && message.contains("at most 24 characters"),
          amount + ": " + message);
    }
  }

  @Test
  void aBadBudgetNamesItsField() throws Exception {
    HttpResponse<String> answer = post("/inbox/api/tasks", "{\"conversationId\":\"" + CONVERSATION
        + "\",\"kind\":\"purchase\",\"slots\":{\"budget\":{\"amount\":false,\"currency\":\"EUR\"}}}");

    assertEquals(400, answer.statusCode(), answer.body());
    assertTrue(message(answer).contains("'slots.budget.amount' false"), answer.body());
  }

  @Test
  void aGoodAmountStillPasses() throws Exception {
    HttpResponse<String> answer = post("/inbox/api/tasks", "{\"conversationId\":\"" + CONVERSATION
        + "\",\"kind\":\"purchase\",\"slots\":{\"budget\":{\"amount\":\"120.50\",\"currency\":\"EUR\"}}}");

    assertEquals(201, answer.statusCode(), answer.body());
    JsonObject budget = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("task")
        .getAsJsonObject("slots").getAsJsonObject("budget");
    assertEquals(12050, budget.get("minorUnits").getAsLong(), answer.body());
  }

  @Test
  void everyAnswerThatSaysWhoIsSignedInSaysItTheSameWay() throws Exception {
    JsonObject me = JsonParser.parseString(get("/inbox/api/me").body()).getAsJsonObject();
    HttpResponse<String> session = post("/inbox/api/session", "{\"token\":\"" + TOKEN + "\"}");
    String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    HttpResponse<String> current = client.send(HttpRequest.newBuilder(URI.create(base + "/inbox/api/session"))
        .header("Cookie", cookie).header(AgentHttpApi.INBOX_HEADER, "1").GET().build(),
        HttpResponse.BodyHandlers.ofString());

    JsonObject alice = JsonParser.parseString("{\"name\":\"alice\"}").getAsJsonObject();
    assertEquals(alice, me.get("agent"));
    assertEquals(JsonParser.parseString("{\"agent\":{\"name\":\"alice\"}}"), JsonParser.parseString(session.body()));
    assertEquals(JsonParser.parseString("{\"agent\":{\"name\":\"alice\"}}"), JsonParser.parseString(current.body()));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> answer) {
    return JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonObject("error").get("message").getAsString();
  }

  /**
   * One HTTP/1.1 request on {@code socket} and its whole answer read; returns the status, or -1
   * when the server closed the connection instead of answering.
   */
  private static int exchange(Socket socket, String method, String path, String token, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    // Written by another thread, as a client does: the server may answer before it read the body.
    CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
      try {
        out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
            + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    sent.get();
    if (head.isEmpty()) {
      return -1;
    }
    long length = 0;
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Long.parseLong(line.substring(15).strip());
      }
    }
    in.readNBytes((int) length);
    return Integer.parseInt(head.split(" ")[1]);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] sofar = head.toByteArray();
      int n = sofar.length;
      if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
        break;
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
