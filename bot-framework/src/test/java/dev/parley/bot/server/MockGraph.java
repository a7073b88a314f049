package dev.parley.bot.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The Graph API on a MockWebServer for the bot framework's tests: answers every Send API and thread
 * control call as Meta does on success (or with an error set by {@link #failNextSends}), and keeps
 * what the customer was sent.
 */
public final class MockGraph implements AutoCloseable {
  public static final String PAGE_ID = "1000000001";
  public static final String PAGE_TOKEN = "EAAGpageTokenForTests000000000001";
  public static final String PHONE_ID = "2000000002";
  public static final String WHATSAPP_TOKEN = "EAAGwhatsAppTokenForTests00000002";

  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<JsonObject> delivered = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicReference<MockResponse> failure = new AtomicReference<>();

  public MockGraph() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        MockResponse fail = failure.get();
        boolean send = request.getUrl().encodedPath().endsWith("/messages");
        synchronized (requests) {
          requests.add(request);
          if (send && fail == null) {
            JsonObject body = JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
            if (body.has("message")) {
              delivered.add(body);
            }
          }
          requests.notifyAll();
        }
        if (fail != null && send) {
          return fail;
        }
        if (request.getUrl().encodedPath().contains("thread_control")) {
          return json(200, "{\"success\":true}");
        }
        return json(200, "{\"recipient_id\":\"x\",\"message_id\":\"mid.test." + ids.incrementAndGet() + "\"}");
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** Every later send answers with this Graph error until {@link #succeed()}. */
  public void failNextSends(int status, String errorJson) {
    failure.set(json(status, errorJson));
  }

  public void succeed() {
    failure.set(null);
  }

  /** The Messenger "outside the window" error (code 10, subcode 2018278). */
  public static String outsideWindowError() {
    return "{\"error\":{\"message\":\"(#10) This message is sent outside of allowed window.\",\"type\":\"OAuthException\","
        + "\"code\":10,\"error_subcode\":2018278,\"fbtrace_id\":\"AbCdEf\"}}";
  }

  /** Bodies of the Send API calls the platform accepted so far, in order. */
  public List<JsonObject> sends() {
    synchronized (requests) {
      return List.copyOf(delivered);
    }
  }

  /** The texts the customers read so far (a text, or a template's text), in order. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (JsonObject body : sends()) {
      texts.add(textOf(body));
    }
    return texts;
  }

  /** Waits (up to 10 s) until at least {@code count} messages were sent; returns their texts, or fails. */
  public List<String> awaitTexts(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (requests) {
      while (sends().size() < count && System.nanoTime() < deadline) {
        try {
          requests.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (sends().size() < count) {
      throw new AssertionError("expected at least " + count + " messages sent, got " + texts());
    }
    return texts();
  }

  /** Paths of every request, in order. */
  public List<String> paths() {
    synchronized (requests) {
      return requests.stream().map(r -> r.getUrl().encodedPath()).toList();
    }
  }

  /** The request headers and bodies of every call, for secrecy checks. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  static String textOf(JsonObject body) {
    JsonObject message = body.getAsJsonObject("message");
    if (message.has("text")) {
      return message.get("text").getAsString();
    }
    if (message.has("attachment")) {
      JsonObject payload = message.getAsJsonObject("attachment").getAsJsonObject("payload");
      if (payload != null && payload.has("text")) {
        return payload.get("text").getAsString();
      }
    }
    return message.toString();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
