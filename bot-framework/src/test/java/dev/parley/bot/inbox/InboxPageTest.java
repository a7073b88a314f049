package dev.parley.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the inbox page answers over HTTP: its files, their types, caching and security headers. */
class InboxPageTest {
  private static final List<String> SCRIPTS = List.of("app.js", "api.js", "dom.js", "format.js", "lists.js",
      "conversation.js", "details.js", "refund.js");
  private static HttpServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/inbox", new InboxPage());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/inbox", "/inbox/"})
  void thePageIsServedWithAStrictPolicy(String path) throws Exception {
    HttpResponse<String> page = get(path, null);

    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
    String policy = header(page, "Content-Security-Policy");
    assertTrue(policy.contains("script-src 'self'"), policy);
    assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertTrue(policy.contains("connect-src 'self'"), policy);
    assertEquals("nosniff", header(page, "X-Content-Type-Options"));
    assertEquals("DENY", header(page, "X-Frame-Options"));
    assertEquals("no-referrer", header(page, "Referrer-Policy"));
    assertTrue(page.body().contains("<script type=\"module\" src=\"/inbox/assets/app.js\"></script>"));
  }

  @Test
  void everyScriptAndStyleTheAppLoadsIsServedWithItsType() throws Exception {
    for (String script : SCRIPTS) {
      HttpResponse<String> answer = get("/inbox/assets/" + script, null);
      assertEquals(200, answer.statusCode(), script);
      assertEquals("text/javascript; charset=utf-8", header(answer, "Content-Type"), script);
      Matcher imports = Pattern.compile("from '\\./([a-z]+\\.js)'").matcher(answer.body());
      while (imports.find()) {
        assertTrue(SCRIPTS.contains(imports.group(1)), script + " imports " + imports.group(1) + ", which is not served");
      }
    }
    assertEquals("text/css; charset=utf-8", header(get("/inbox/assets/inbox.css", null), "Content-Type"));
    assertEquals("image/svg+xml", header(get("/inbox/assets/icon.svg", null), "Content-Type"));
  }

  @Test
  void aBrowserRevalidatesWithTheEtagAndGetsNotModified() throws Exception {
    HttpResponse<String> first = get("/inbox/assets/app.js", null);
    String etag = header(first, "ETag");
    assertEquals("no-cache", header(first, "Cache-Control"));

    HttpResponse<String> again = get("/inbox/assets/app.js", etag);

    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(200, get("/inbox/assets/app.js", "\"stale\"").statusCode());
  }

  @Test
  void unknownFilesAreNotFoundAndOnlyReadsAreAllowed() throws Exception {
    assertEquals(404, get("/inbox/assets/../InboxPage.class", null).statusCode());
    assertEquals(404, get("/inbox/assets/missing.js", null).statusCode());
    assertEquals(404, get("/inbox/index.html", null).statusCode());

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/inbox"))
        .POST(HttpRequest.BodyPublishers.ofString("token=x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", header(post, "Allow"));
    assertTrue(header(post, "Content-Security-Policy").contains("default-src 'none'"));
  }

  @Test
  void headAnswersWithoutABody() throws Exception {
    HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/inbox/assets/inbox.css"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }

  /** The page builds every piece of customer text as text: no HTML parsing, no eval, no web storage. */
  @Test
  void theScriptsNeverTurnTextIntoMarkupOrKeepSecrets() throws IOException {
    List<String> forbidden = List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
        "new Function", "localStorage", "sessionStorage", "indexedDB", "document.cookie");
    for (String script : SCRIPTS) {
      String source = resource(script);
      for (String word : forbidden) {
        assertFalse(source.contains(word), script + " uses " + word);
      }
    }
    assertFalse(resource("index.html").contains("<script>"), "no inline script: the policy would block it");
    assertFalse(Pattern.compile("\\son[a-z]+\\s*=").matcher(resource("index.html")).find(), "no inline event handler");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = InboxPage.class.getResourceAsStream("/dev/parley/bot/inbox/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }
}
