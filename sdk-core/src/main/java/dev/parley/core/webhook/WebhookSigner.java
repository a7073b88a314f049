package dev.parley.core.webhook;

import dev.parley.core.internal.webhook.HubSignature;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Signs webhook payloads the way Meta does, so tests (yours and Parley's) can send a
 * {@link WebhookHandler} requests that pass its check.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.withAppSecret("test-secret");
 * byte[] body = Files.readAllBytes(Path.of("message.json"));
 * WebhookResponse response = handler.handle(signer.signedPost(body));
 * }</pre>
 *
 * <p>Meta signs the bytes it sends, in which non-ASCII text is written as escaped unicode
 * ({@code "\u00e4"}); sign the bytes you send, never a re-serialisation. The app secret never appears
 * in {@link #toString()}. Immutable and thread-safe.
 */
public final class WebhookSigner {

  /** The header Meta signs with: {@code X-Hub-Signature-256: sha256=<hex>}. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The legacy header: {@code X-Hub-Signature: sha1=<hex>}. */
  public static final String LEGACY_SIGNATURE_HEADER = "X-Hub-Signature";

  private final HubSignature signature;

  private WebhookSigner(String appSecret) {
    this.signature = new HubSignature(appSecret);
  }

  /** A signer keyed by the Meta app secret. */
  public static WebhookSigner withAppSecret(String appSecret) {
    Objects.requireNonNull(appSecret, "appSecret");
    return new WebhookSigner(appSecret);
  }

  /** The {@value #SIGNATURE_HEADER} value for these bytes: {@code sha256=<lowercase hex>}. */
  public String sign(byte[] body) {
    return signature.header(HubSignature.Algorithm.SHA256, Objects.requireNonNull(body, "body"));
  }

  /** The {@value #SIGNATURE_HEADER} value for the UTF-8 bytes of {@code body}. */
  public String sign(String body) {
    return sign(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /** The legacy {@value #LEGACY_SIGNATURE_HEADER} value for these bytes: {@code sha1=<lowercase hex>}. */
  public String signSha1(byte[] body) {
    return signature.header(HubSignature.Algorithm.SHA1, Objects.requireNonNull(body, "body"));
  }

  /** A POST of {@code body} with its {@value #SIGNATURE_HEADER} and a JSON content type. */
  public WebhookRequest signedPost(byte[] body) {
    return WebhookRequest.builder("POST")
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, sign(body))
        .body(body)
        .build();
  }

  /** A POST of the UTF-8 bytes of {@code body}, signed. */
  public WebhookRequest signedPost(String body) {
    return signedPost(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "WebhookSigner[appSecret=<redacted>]";
  }
}
