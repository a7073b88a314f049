package dev.parley.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** X-Hub-Signature-256 over the raw bytes, fail closed; the legacy SHA1 header only when enabled. */
class WebhookSignatureTest {

  private final WebhookHarness harness = new WebhookHarness();
  private final byte[] body = WebhookFixtures.bytes("messenger-text.json");

  @Test
  void signerProducesTheStandardHmacVectors() {
    WebhookSigner signer = WebhookSigner.withAppSecret("key");
    byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signer.sign(fox));
    assertEquals("sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9", signer.signSha1(fox));
  }

  @Test
  void correctSignatureIsAcceptedAndTheEventDelivered() {
    WebhookResponse response = harness.postSignedAndRun(body);

    assertEquals(200, response.status());
    assertEquals(1, harness.received.size());
  }

  @Test
  void signatureWithAnotherSecretIsRefusedAndNothingRecorded() {
    WebhookRequest request = WebhookSigner.withAppSecret("someone-elses-secret").signedPost(body);

    WebhookResponse response = harness.handler.handle(request);

    assertEquals(401, response.status());
    assertEquals(0, harness.journal.size());
    assertEquals(0, harness.executor.pending());
  }

  @Test
  void missingSignatureIsRefused() {
    WebhookRequest request = WebhookRequest.builder("POST").header("Content-Type", "application/json").body(body).build();

    assertEquals(401, harness.handler.handle(request).status());
    assertEquals(0, harness.journal.size());
  }

  @Test
  void bodyChangedAfterSigningIsRefused() {
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("4711", "4712").getBytes(StandardCharsets.UTF_8);
    WebhookRequest request = WebhookRequest.builder("POST")
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookHarness.SIGNER.sign(body))
        .body(tampered)
        .build();

    assertEquals(401, harness.handler.handle(request).status());
    assertEquals(0, harness.journal.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sha256=", "sha256=zz", "sha256=abc", "md5=00ff", "f7bc83f430538424b13298e6aa6fb143", "sha1=00"})
  void malformedSignatureHeadersAreRefused(String header) {
    WebhookRequest request = WebhookRequest.builder("POST").header(WebhookSigner.SIGNATURE_HEADER, header).body(body).build();

    assertEquals(401, harness.handler.handle(request).status());
  }

  @Test
  void upperCaseHexAndLowerCaseHeaderNameAreAccepted() {
    String signature = WebhookHarness.SIGNER.sign(body);
    String upper = "sha256=" + signature.substring("sha256=".length()).toUpperCase(Locale.ROOT);
    WebhookRequest request = WebhookRequest.builder("POST").header("x-hub-signature-256", upper).body(body).build();

    assertEquals(200, harness.handler.handle(request).status());
  }

  @Test
  void nonAsciiPayloadSignedOverItsEscapedBytesIsAcceptedAndDecoded() {
    byte[] escaped = WebhookFixtures.bytes("whatsapp-non-ascii.json");
    for (byte b : escaped) {
      assertTrue(b >= 0, "the fixture is pure ASCII, non-ASCII text escaped as Meta sends it");
    }

    WebhookResponse response = harness.postSignedAndRun(escaped);

    assertEquals(200, response.status());
    MessageReceived message = (MessageReceived) harness.received.get(0);
    assertEquals("äöå ßpaß mit € 42 🚀 @home", message.text());
    assertEquals("Jürgen Müller", message.customerName());
  }

  @Test
  void theSameTextReSerialisedAsUtf8DoesNotMatchTheSignatureOfTheEscapedBytes() {
    byte[] escaped = WebhookFixtures.bytes("whatsapp-non-ascii.json");
    String decoded = ((MessageReceived) InboundEvent.parse(new String(escaped, StandardCharsets.US_ASCII)).get(0)).text();
    byte[] reSerialised = new String(escaped, StandardCharsets.US_ASCII)
        .replace("\\u00e4\\u00f6\\u00e5 \\u00dfpa\\u00df mit \\u20ac 42 \\ud83d\\ude80 @home", decoded)
        .getBytes(StandardCharsets.UTF_8);
    assertFalse(new String(reSerialised, StandardCharsets.UTF_8).contains("\\u00e4"), "the replacement happened");

    WebhookRequest request = WebhookRequest.builder("POST")
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookHarness.SIGNER.sign(escaped))
        .body(reSerialised)
        .build();

    assertEquals(401, harness.handler.handle(request).status());
  }

  @Test
  void legacySha1AloneIsRefusedUnlessEnabled() {
    WebhookRequest request = WebhookRequest.builder("POST")
        .header(WebhookSigner.LEGACY_SIGNATURE_HEADER, WebhookHarness.SIGNER.signSha1(body))
        .body(body)
        .build();
    WebhookHarness legacy = new WebhookHarness(new InMemoryJournal(), b -> b.allowLegacySha1(true));

    assertEquals(401, harness.handler.handle(request).status());
    assertEquals(200, legacy.handler.handle(request).status());
    assertEquals(1, legacy.journal.size());
  }

  @Test
  void wrongLegacySha1IsRefusedEvenWhenEnabled() {
    WebhookHarness legacy = new WebhookHarness(new InMemoryJournal(), b -> b.allowLegacySha1(true));
    WebhookRequest request = WebhookRequest.builder("POST")
        .header(WebhookSigner.LEGACY_SIGNATURE_HEADER, WebhookSigner.withAppSecret("other").signSha1(body))
        .body(body)
        .build();

    assertEquals(401, legacy.handler.handle(request).status());
  }

  @Test
  void wrongSha256IsNotRescuedByACorrectSha1() {
    WebhookHarness legacy = new WebhookHarness(new InMemoryJournal(), b -> b.allowLegacySha1(true));
    WebhookRequest request = WebhookRequest.builder("POST")
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.withAppSecret("other").sign(body))
        .header(WebhookSigner.LEGACY_SIGNATURE_HEADER, WebhookHarness.SIGNER.signSha1(body))
        .body(body)
        .build();

    assertEquals(401, legacy.handler.handle(request).status());
    assertEquals(0, legacy.journal.size());
  }

  @Test
  void secretsNeverAppearInToString() {
    String secret = WebhookFixtures.APP_SECRET;

    assertFalse(WebhookHarness.SIGNER.toString().contains(secret));
    assertFalse(harness.handler.toString().contains(secret));
    assertFalse(harness.handler.toString().contains(WebhookFixtures.VERIFY_TOKEN));
    assertFalse(WebhookHarness.builder(harness.journal, e -> {}, Runnable::run).toString().contains(secret));
  }
}
