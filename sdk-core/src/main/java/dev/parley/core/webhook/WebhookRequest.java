package dev.parley.core.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request to the webhook endpoint, independent of any server framework: the method, the
 * decoded query parameters, the headers (names case-insensitive) and the raw body bytes exactly as
 * they arrived. Signatures are checked over these bytes, so never pass a re-serialised body.
 *
 * <pre>{@code
 * // JDK HttpServer
 * WebhookRequest request = WebhookRequest.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
 *     exchange.getRequestHeaders(), exchange.getRequestBody().readNBytes(handler.maxBodyBytes() + 1));
 * }</pre>
 *
 * Immutable and thread-safe; the body is copied in and out.
 */
public final class WebhookRequest {

  private final String method;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final byte[] body;

  private WebhookRequest(Builder builder) {
    this.method = builder.method;
    // The builder hands over its maps and copies them before any later change; its body array was
    // copied in and is never written to, only replaced.
    this.query = Collections.unmodifiableMap(builder.query);
    this.headers = Collections.unmodifiableMap(builder.headers);
    this.body = builder.body;
    builder.shared = true;
  }

  /** A builder for a request with the given HTTP method ({@code GET}, {@code POST}, ...). */
  public static Builder builder(String method) {
    return new Builder(method);
  }

  /**
   * A request from what most servers hand over: the method, the raw (still percent-encoded) query
   * string or null, multi-valued headers (the first value of each counts) and the body bytes.
   */
  public static WebhookRequest of(String method, String rawQuery, Map<String, ? extends List<String>> headers, byte[] body) {
    Builder builder = builder(method).rawQuery(rawQuery).body(body);
    if (headers != null) {
      headers.forEach((name, values) -> {
        if (name != null && values != null && !values.isEmpty()) {
          builder.header(name, values.get(0));
        }
      });
    }
    return builder.build();
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The decoded value of a query parameter, or null. */
  public String queryParameter(String name) {
    return query.get(name);
  }

  /** The value of a header, by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** A copy of the raw body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The number of body bytes. */
  public int bodyLength() {
    return body.length;
  }

  byte[] bodyWithoutCopy() {
    return body;
  }

  @Override
  public String toString() {
    return "WebhookRequest[" + method + ", query=" + query.keySet() + ", headers=" + headers.keySet() + ", " + body.length + " body bytes]";
  }

  /** Builds a {@link WebhookRequest}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private Map<String, String> query = new LinkedHashMap<>();
    private Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];
    /** True once a built request holds the maps: the next change copies them first. */
    private boolean shared;

    private Builder(String method) {
      Objects.requireNonNull(method, "method");
      if (method.isBlank()) {
        throw new IllegalArgumentException("method must not be blank");
      }
      this.method = method.trim().toUpperCase(Locale.ROOT);
    }

    /** Adds a decoded query parameter; the first value of a name counts, like Meta's single-valued parameters. */
    public Builder query(String name, String value) {
      Objects.requireNonNull(name, "name");
      unshare();
      query.putIfAbsent(name, value == null ? "" : value);
      return this;
    }

    /** Adds every parameter of a raw, percent-encoded query string ({@code hub.mode=subscribe&...}); null is none. */
    public Builder rawQuery(String rawQuery) {
      if (rawQuery == null || rawQuery.isEmpty()) {
        return this;
      }
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query(decode(name), decode(value));
      }
      return this;
    }

    /** Sets a header; names are case-insensitive and a later value for the same name replaces the earlier one. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      unshare();
      headers.put(name, value);
      return this;
    }

    /** The raw body bytes exactly as received (copied); null is an empty body. */
    public Builder body(byte[] body) {
      this.body = body == null ? new byte[0] : Arrays.copyOf(body, body.length);
      return this;
    }

    public WebhookRequest build() {
      return new WebhookRequest(this);
    }

    private void unshare() {
      if (shared) {
        query = new LinkedHashMap<>(query);
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
        shared = false;
      }
    }

    private static String decode(String text) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return text; // a malformed %-escape: keep the text; the handshake then simply does not match
      }
    }
  }
}
