package dev.parley.bot.agent.internal;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading bodies within a limit and writing answers on the JDK's {@link HttpExchange}, for the bot
 * server and the agent API. Public for wiring inside the bot framework only; not an API. Stateless,
 * thread-safe.
 */
public final class HttpExchanges {
  private HttpExchanges() {}

  /** Thrown when a body is larger than allowed; answer 413. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final int limit;

    TooLarge(int limit) {
      super("body over " + limit + " bytes");
      this.limit = limit;
    }

    public int limit() {
      return limit;
    }
  }

  /**
   * The request body, at most {@code limit} bytes: a larger declared {@code Content-Length} is
   * refused before reading, and a chunked body is cut off one byte past the limit.
   */
  public static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > limit) {
          throw new TooLarge(limit);
        }
      } catch (NumberFormatException e) {
        // The server itself rejects a malformed length; read within the limit anyway.
      }
    }
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw new TooLarge(limit);
    }
    return body;
  }

  /** Reads and discards what is left of the body (at most 64 KiB), so the connection can be reused. */
  public static void drain(HttpExchange exchange) {
    drain(exchange, 64 * 1024);
  }

  /**
   * Reads and discards up to {@code maxBytes} of what is left of the body: a client still sending an
   * oversized body then reads the 413 instead of a reset connection. Past that, the connection is
   * closed on it.
   */
  public static void drain(HttpExchange exchange, long maxBytes) {
    byte[] sink = new byte[16 * 1024];
    long left = maxBytes;
    try {
      InputStream in = exchange.getRequestBody();
      int read;
      while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= read;
      }
    } catch (IOException e) {
      // The connection is closed afterwards anyway.
    }
  }

  /** Answers 413 for a body over {@code limit}, after draining a bounded part of it, and closes the connection. */
  public static void sendTooLarge(HttpExchange exchange, int limit) throws IOException {
    drain(exchange, 16L * 1024 * 1024);
    exchange.getResponseHeaders().set("Connection", "close");
    sendError(exchange, 413, "too_large", "the body is over " + limit + " bytes");
  }

  /**
   * Writes {@code body} as {@code contentType} with {@code status} and closes the exchange; not
   * cached ({@code no-store}) unless the caller set its own {@code Cache-Control}.
   */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    contentHeaders(exchange, contentType);
    if (status == 204 || "HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
    exchange.close();
  }

  /**
   * Streams {@code file} as {@code contentType} with {@code status}, its size as {@code Content-Length},
   * through a small buffer, and closes the exchange; headers as {@link #send}. An {@link IOException}
   * (the client went away) leaves the exchange to the server, which closes the connection.
   */
  public static void sendFile(HttpExchange exchange, int status, String contentType, Path file) throws IOException {
    long size = Files.size(file);
    contentHeaders(exchange, contentType);
    if (size == 0 || "HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, size);
      try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
    exchange.close();
  }

  /** The type, never sniffed into another, and not cached unless the caller set its own {@code Cache-Control}. */
  private static void contentHeaders(HttpExchange exchange, String contentType) {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().putIfAbsent("Cache-Control", java.util.List.of("no-store"));
  }

  /** Writes a JSON answer. */
  public static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the JSON error {@code {"error":{"status":…,"code":…,"message":…}}}. */
  public static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
    sendJson(exchange, status, errorJson(status, code, message));
  }

  /** The JSON error body. */
  public static String errorJson(int status, String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("status", status);
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonObject root = new JsonObject();
    root.add("error", error);
    return root.toString();
  }

  /** The request path without the query, decoded segments untouched. */
  public static String path(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawPath();
    return raw == null ? "/" : raw;
  }

  /** Splits a path after {@code prefix} into its non-empty segments. */
  public static String[] segments(String path, String prefix) {
    String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }
}
