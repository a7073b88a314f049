package dev.parley.core.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to answer Meta: an HTTP status, a content type and a short body. Write it out as is from
 * whatever server the {@link WebhookHandler} is mounted in. Immutable and thread-safe.
 *
 * @param status the HTTP status: 200, 400, 401, 403, 405, 413, or 503 when the journal is unavailable
 * @param contentType the content type of the body, always text
 * @param body the body: the challenge for a handshake, else a short reason
 */
public record WebhookResponse(int status, String contentType, String body) {

  static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  public WebhookResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status + " is not an HTTP status (100 to 599)");
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** The body encoded as UTF-8, ready to write. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  static WebhookResponse text(int status, String body) {
    return new WebhookResponse(status, TEXT_PLAIN, body);
  }
}
