package dev.parley.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request the sandbox received, with the status it answered ({@code 0} when the connection
 * was closed without an answer by an injected fault). Header names are lowercase; the body is the
 * request body decoded as UTF-8. {@link #toString()} redacts the {@code Authorization} header and
 * {@code access_token} parameters. Immutable and thread-safe.
 *
 * @param sequence arrival order, starting at 1
 * @param receivedAt the sandbox clock when the request arrived
 * @param method HTTP method, upper case
 * @param path the request path, without query
 * @param query the raw query string, or an empty string
 * @param headers header values by lowercase name
 * @param body the request body as UTF-8 text, empty when there was none
 * @param responseStatus the HTTP status answered, or 0 when no answer was sent
 */
public record RecordedRequest(long sequence, Instant receivedAt, String method, String path, String query,
    Map<String, List<String>> headers, String body, int responseStatus) {

  public RecordedRequest {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** The first value of a header (name in any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a query parameter, decoded, or null. */
  public String queryParameter(String name) {
    return FormDecoder.first(FormDecoder.pairs(query), name);
  }

  @Override
  public String toString() {
    return "RecordedRequest{#" + sequence + " " + method + " " + path
        + (query.isEmpty() ? "" : "?" + Redaction.query(query))
        + " -> " + responseStatus + ", " + body.length() + " chars"
        + (header("authorization") == null ? "" : ", authorization=" + Redaction.SECRET) + "}";
  }
}
