package dev.parley.core.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framework-neutral request: what a server adapter hands over. */
class WebhookRequestTest {

  @Test
  void headersAreCaseInsensitive() {
    WebhookRequest request = WebhookRequest.builder("post").header("X-HUB-SIGNATURE-256", "sha256=00").build();

    assertEquals("sha256=00", request.header("x-hub-signature-256"));
    assertEquals("POST", request.method());
  }

  @Test
  void ofTakesWhatServersHandOverAndUsesTheFirstHeaderValue() {
    byte[] body = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);

    WebhookRequest request = WebhookRequest.of("GET", "hub.mode=subscribe&hub.challenge=a%20b+c&flag",
        Map.of("X-Hub-Signature-256", List.of("first", "second"), "Empty", List.of()), body);

    assertEquals("subscribe", request.queryParameter("hub.mode"));
    assertEquals("a b c", request.queryParameter("hub.challenge"));
    assertEquals("", request.queryParameter("flag"));
    assertEquals("first", request.header("x-hub-signature-256"));
    assertNull(request.header("Empty"));
    assertArrayEquals(body, request.body());
  }

  @Test
  void bodyIsCopiedInAndOut() {
    byte[] body = {1, 2, 3};
    WebhookRequest request = WebhookRequest.builder("POST").body(body).build();

    body[0] = 9;
    request.body()[1] = 9;

    assertArrayEquals(new byte[] {1, 2, 3}, request.body());
    assertEquals(3, request.bodyLength());
  }

  @Test
  void aBuilderChangedAfterBuildLeavesTheBuiltRequestAsItWas() {
    WebhookRequest.Builder builder = WebhookRequest.builder("POST").header("X-Hub-Signature-256", "sha256=00")
        .query("hub.mode", "subscribe").body(new byte[] {1});
    WebhookRequest first = builder.build();

    WebhookRequest second = builder.header("x-hub-signature-256", "sha256=11").header("X-Other", "o")
        .query("hub.challenge", "c").body(new byte[] {2}).build();

    assertEquals("sha256=00", first.header("X-HUB-SIGNATURE-256"));
    assertNull(first.header("X-Other"));
    assertNull(first.queryParameter("hub.challenge"));
    assertArrayEquals(new byte[] {1}, first.body());
    assertEquals("sha256=11", second.header("X-Hub-Signature-256"));
    assertEquals("o", second.header("x-other"));
    assertEquals("c", second.queryParameter("hub.challenge"));
    assertArrayEquals(new byte[] {2}, second.body());
  }

  @Test
  void malformedPercentEscapeIsKeptAsTextAndNeverThrows() {
    WebhookRequest request = WebhookRequest.builder("GET").rawQuery("hub.challenge=100%&hub.mode=subscribe").build();

    assertEquals("100%", request.queryParameter("hub.challenge"));
    assertEquals("subscribe", request.queryParameter("hub.mode"));
  }

  @Test
  void responseBodyBytesAreUtf8() {
    WebhookResponse response = new WebhookResponse(200, "text/plain; charset=utf-8", "ä");

    assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA4}, response.bodyBytes());
  }
}
