package dev.parley.bot.inbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent inbox in the browser: serves the page at {@code /inbox} and its scripts and styles
 * under {@code /inbox/assets/}, from the classpath. The page works over the JSON agent API at
 * {@code /inbox/api/} ({@code bot-framework/INBOX_API.md}), which a separate handler serves.
 *
 * <pre>{@code
 * BotServer server = BotServer.builder()
 *     .metaWebhook(webhookHandler)
 *     .inboxApi(new AgentHttpApi(agentApi, AgentTokens.parse(System.getenv("PARLEY_AGENT_TOKENS"))))
 *     .inboxPage(new InboxPage())
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Every answer carries a strict Content-Security-Policy (scripts, styles and requests from this
 * origin only, no inline script, no framing), {@code X-Content-Type-Options: nosniff} and {@code
 * Referrer-Policy: no-referrer}. Files are read once at construction; answers carry an {@code ETag}
 * and {@code Cache-Control: no-cache}, so a browser revalidates with a cheap 304 and an upgraded
 * server is never hidden behind a stale script. Only {@code GET} and {@code HEAD} are served.
 *
 * <p>Immutable and thread-safe.
 */
public final class InboxPage implements HttpHandler {
  /** The policy of every answer: nothing inline, nothing from elsewhere, never in a frame. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final String RESOURCES = "/dev/parley/bot/inbox/";
  private static final String PAGE = "/inbox";
  private static final String ASSETS = "/inbox/assets/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");
  private static final String[] ASSET_FILES = {
      "inbox.css", "icon.svg", "app.js", "api.js", "dom.js", "format.js", "lists.js", "conversation.js",
      "details.js", "refund.js"};

  private final Asset page;
  private final Map<String, Asset> assets;

  /** Loads the page and its assets from the classpath; fails at once if one is missing. */
  public InboxPage() {
    this.page = load("index.html");
    Map<String, Asset> loaded = new LinkedHashMap<>();
    for (String name : ASSET_FILES) {
      loaded.put(ASSETS + name, load(name));
    }
    this.assets = Map.copyOf(loaded);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Headers headers = exchange.getResponseHeaders();
      secure(headers);
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        drain(exchange);
        headers.set("Allow", "GET, HEAD");
        text(exchange, 405, method + " is not allowed here; use GET");
        return;
      }
      Asset asset = path == null ? null : path.equals(PAGE) || path.equals(PAGE + "/") ? page : assets.get(path);
      if (asset == null) {
        text(exchange, 404, "Nothing here. The inbox is at /inbox");
        return;
      }
      headers.set("Content-Type", asset.contentType);
      headers.set("Cache-Control", "no-cache");
      headers.set("ETag", asset.etag);
      if (asset.etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      if ("HEAD".equals(method)) {
        headers.set("Content-Length", Integer.toString(asset.bytes.length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, asset.bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(asset.bytes);
      }
    }
  }

  private static void secure(Headers headers) {
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void drain(HttpExchange exchange) {
    try {
      exchange.getRequestBody().readNBytes(64 * 1024);
    } catch (IOException e) {
      // The exchange closes right after; a broken body changes nothing.
    }
  }

  private static Asset load(String name) {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    try (InputStream in = InboxPage.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null || type == null) {
        throw new IllegalStateException("the inbox resource " + RESOURCES + name + " is missing from the classpath");
      }
      byte[] bytes = in.readAllBytes();
      return new Asset(bytes, type, etag(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the inbox resource " + RESOURCES + name, e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "InboxPage[" + (assets.size() + 1) + " files]";
  }

  private record Asset(byte[] bytes, String contentType, String etag) {}
}
