package dev.parley.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The example agent client against a MockWebServer: errors are told by their HTTP status first. */
class AgentApiClientTest {
  private static final String TOKEN = "token-of-alice-0123456789";

  @StartStop
  final MockWebServer server = new MockWebServer();

  private AgentApiClient client() {
    return new AgentApiClient(URI.create(server.url("/").toString()), TOKEN);
  }

  @Test
  void aNonJsonErrorPageIsTheHttpErrorNotAParseError() {
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());

    AgentApiException e = assertThrows(AgentApiException.class, () -> client().get("me"));

    assertEquals(502, e.status());
    assertTrue(e.getMessage().startsWith("GET /inbox/api/me answered 502: <html>"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }

  @Test
  void theApisErrorMessageIsShown() {
    server.enqueue(new MockResponse.Builder().code(409).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"status\":409,\"code\":\"conflict\",\"message\":\"bob has this conversation\"}}").build());

    AgentApiException e = assertThrows(AgentApiException.class, () -> client().post("conversations/x/claim", null));

    assertEquals(409, e.status());
    assertEquals("POST /inbox/api/conversations/x/claim answered 409: bob has this conversation", e.getMessage());
  }

  @Test
  void anEmptyErrorBodyStillNamesTheStatus() {
    server.enqueue(new MockResponse.Builder().code(503).build());

    AgentApiException e = assertThrows(AgentApiException.class, () -> client().get("queue"));

    assertEquals("GET /inbox/api/queue answered 503: (no body)", e.getMessage());
  }
}
