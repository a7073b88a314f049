package dev.parley.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GET verification handshake Meta runs when the callback URL or verify token is saved. */
class WebhookHandshakeTest {

  private final WebhookHarness harness = new WebhookHarness();

  private WebhookResponse get(String rawQuery) {
    return harness.handler.handle(WebhookRequest.builder("GET").rawQuery(rawQuery).build());
  }

  @Test
  void subscribeWithTheRightTokenEchoesTheChallengeAsText() {
    WebhookResponse response = get("hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444");

    assertEquals(200, response.status());
    assertEquals("1158201444", response.body());
    assertEquals("text/plain; charset=utf-8", response.contentType());
  }

  @Test
  void percentEncodedTokenIsDecodedBeforeComparing() {
    WebhookHarness spaced = new WebhookHarness(new InMemoryJournal(), b -> b.verifyToken("a token&more/ä"));

    WebhookResponse response = spaced.handler.handle(WebhookRequest.builder("GET")
        .rawQuery("hub.mode=subscribe&hub.verify_token=a+token%26more%2F%C3%A4&hub.challenge=abc")
        .build());

    assertEquals(200, response.status());
    assertEquals("abc", response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
      "hub.mode=subscribe&hub.verify_token=verify-me-pleasE&hub.challenge=1",
      "hub.mode=subscribe&hub.verify_token=verify-me-please-and-more&hub.challenge=1",
      "hub.mode=unsubscribe&hub.verify_token=verify-me-please&hub.challenge=1",
      "hub.verify_token=verify-me-please&hub.challenge=1",
      "hub.mode=subscribe&hub.challenge=1",
      "hub.mode=subscribe&hub.verify_token=verify-me-please",
      ""})
  void anythingElseIsForbidden(String query) {
    WebhookResponse response = get(query);

    assertEquals(403, response.status());
    assertEquals(0, harness.journal.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "HEAD", "PATCH"})
  void otherMethodsAreNotAllowed(String method) {
    WebhookRequest request = WebhookSigner.withAppSecret(WebhookFixtures.APP_SECRET).signedPost("{}");
    WebhookRequest other = WebhookRequest.builder(method)
        .header(WebhookSigner.SIGNATURE_HEADER, request.header(WebhookSigner.SIGNATURE_HEADER))
        .body(request.body())
        .build();

    assertEquals(405, harness.handler.handle(other).status());
  }
}
