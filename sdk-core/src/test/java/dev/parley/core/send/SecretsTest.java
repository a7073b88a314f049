package dev.parley.core.send;

import static dev.parley.core.send.GraphTestServer.MESSENGER_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.NOW;
import static dev.parley.core.send.GraphTestServer.PAGE_TOKEN;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_CUSTOMER;
import static dev.parley.core.send.GraphTestServer.WHATSAPP_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.AuthenticationException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.Parley;
import dev.parley.core.RetryPolicy;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;

/** Tokens and the app secret travel in headers and proofs, never in logs, messages or toString(). */
class SecretsTest {
  private static final String APP_SECRET = "appSecretNeverShown42";

  @StartStop
  final MockWebServer server = new MockWebServer();
  final VirtualTime time = new VirtualTime(NOW);

  @Test
  void noTokenOrSecretInCapturedLogsMessagesOrToString() throws Exception {
    SimpleLogger logger = (SimpleLogger) LoggerFactory.getLogger("dev.parley.core.internal.send.Transmission");
    Field level = SimpleLogger.class.getDeclaredField("currentLogLevel");
    level.setAccessible(true);
    int previous = level.getInt(logger);
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringBuilder seen = new StringBuilder();
    try {
      level.setInt(logger, 0); // trace: everything the send path logs
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow())
          .appSecret(APP_SECRET)
          .retryPolicy(RetryPolicy.builder().maxAttempts(2).jitter(0).build())
          .build();
      // a retried failure, then success
      server.enqueue(GraphTestServer.graphError(500, 2, null, "Service temporarily unavailable", true));
      server.enqueue(GraphTestServer.messengerOk("m_1"));
      CompletableFuture<SendReceipt> ok = parley.sendAsync(MESSENGER_CUSTOMER, Message.text("Hi"));
      time.drive(ok);
      seen.append(ok.get());
      // a platform answer that echoes the token
      server.enqueue(GraphTestServer.json(401, "{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse"
          + " access token " + WHATSAPP_TOKEN + "\",\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"X1\"}}"));
      AuthenticationException refused = assertThrows(AuthenticationException.class,
          () -> parley.send(WHATSAPP_CUSTOMER, Message.text("Hi")));
      assertTrue(refused.getMessage().contains("Cannot parse access token [redacted]"), refused.getMessage());
      seen.append(refused.getMessage()).append(refused);
      seen.append(parley).append(parley.newBuilder().build());
    } finally {
      System.setErr(originalErr);
      level.setInt(logger, previous);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("retrying in 500 ms"), "the logs were captured: " + logs);
    for (String secret : new String[] {PAGE_TOKEN, WHATSAPP_TOKEN, APP_SECRET}) {
      assertFalse(logs.contains(secret), "secret in logs: " + logs);
      assertFalse(seen.toString().contains(secret), "secret in messages or toString: " + seen);
    }
  }

  @Test
  void theTokenGoesInTheHeaderAndTheProofInTheQuery() throws Exception {
    server.enqueue(GraphTestServer.messengerOk("m_1"));
    Parley parley = GraphTestServer.parley(server, time, GraphTestServer.insideWindow()).appSecret(APP_SECRET).build();
    parley.send(MESSENGER_CUSTOMER, Message.text("Hi"));
    RecordedRequest request = server.takeRequest();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String proof = HexFormat.of().formatHex(mac.doFinal(PAGE_TOKEN.getBytes(StandardCharsets.UTF_8)));
    assertEquals(proof, request.getUrl().queryParameter("appsecret_proof"));
    assertEquals("Bearer " + PAGE_TOKEN, request.getHeaders().get("Authorization"));
    assertEquals(1, request.getUrl().querySize(), "no access_token in the URL");
  }

  @Test
  void aBadTokenIsRejectedWithoutBeingEchoed() {
    InvalidRequestException bad = assertThrows(InvalidRequestException.class,
        () -> Parley.builder().messengerPage("123", "EAAG secret with spaces"));
    assertFalse(bad.getMessage().contains("secret with"), bad.getMessage());
    assertTrue(bad.getMessage().contains("value not shown"), bad.getMessage());
  }
}
