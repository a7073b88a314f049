package dev.parley.examples.bench;

import com.github.messenger4j.Messenger;
import com.github.messenger4j.exception.MessengerVerificationException;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookRequest;
import dev.parley.core.webhook.WebhookResponse;
import dev.parley.core.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * P3's JMH benchmarks: one operation takes one signed Messenger batch of 10 events (from a pool of
 * {@value #POOL} different batches) through signature check, parse and delivery to a consumer.
 * <ul>
 *   <li>{@code parley}: {@link WebhookHandler#handle} on a request built as a server adapter builds
 *       it, with the SHA-256 header, the in-memory conversation store as dedup journal, and a
 *       listener on the calling thread. Each event is new: when the pool wraps around, the next
 *       operation starts a fresh store (once per {@value #POOL} operations).
 *   <li>{@code messenger4j}: {@code onReceiveEvents} on the body decoded to a String (its API), with
 *       the SHA-1 header it checks, every event handed to the consumer. No dedup: it has none.
 *   <li>{@code raw}: HMAC-SHA256 of the bytes compared in constant time with the header, then one
 *       Gson parse of the same bytes: the floor of any verify-and-parse.
 * </ul>
 * Public because JMH's generated code extends it; not part of any API.
 */
@State(Scope.Benchmark)
public class WebhookBenchmarks {
  static final int POOL = 1024;
  private static final String APP_SECRET = "bench-app-secret";

  private final byte[][] bodies = new byte[POOL][];
  private final String[] sha256Headers = new String[POOL];
  private final String[] sha1Headers = new String[POOL];
  private WebhookHandler handler;
  private Messenger messenger;
  private Mac mac;
  private int next;
  private Blackhole sink;

  @Setup
  public void prepare(Blackhole blackhole) throws GeneralSecurityException {
    WebhookSigner signer = WebhookSigner.withAppSecret(APP_SECRET);
    for (int i = 0; i < POOL; i++) {
      bodies[i] = MessengerBatches.batch(i);
      sha256Headers[i] = signer.sign(bodies[i]);
      sha1Headers[i] = signer.signSha1(bodies[i]);
    }
    sink = blackhole;
    handler = freshHandler();
    messenger = Messenger.create("bench-page-token", APP_SECRET, "bench-verify-token",
        Optional.of(new Messenger4jTransport("http://127.0.0.1:9", 1)));
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  private WebhookHandler freshHandler() {
    return WebhookHandler.builder()
        .appSecret(APP_SECRET)
        .verifyToken("bench-verify-token")
        .journal(new InMemoryConversationStore())
        .listener(event -> sink.consume(event))
        .executor(Runnable::run)
        .build();
  }

  private int nextBatch() {
    int batch = next;
    next = (next + 1) % POOL;
    return batch;
  }

  @Benchmark
  public WebhookResponse parley() {
    int batch = nextBatch();
    if (batch == 0) {
      handler = freshHandler();
    }
    WebhookRequest request = WebhookRequest.of("POST", null,
        Map.of("Content-Type", List.of("application/json"), WebhookSigner.SIGNATURE_HEADER, List.of(sha256Headers[batch])),
        bodies[batch]);
    WebhookResponse response = handler.handle(request);
    if (response.status() != 200) {
      throw new IllegalStateException("Parley refused batch " + batch + ": " + response);
    }
    return response;
  }

  @Benchmark
  public void messenger4j(Blackhole blackhole) throws MessengerVerificationException {
    int batch = nextBatch();
    messenger.onReceiveEvents(new String(bodies[batch], StandardCharsets.UTF_8), Optional.of(sha1Headers[batch]),
        blackhole::consume);
  }

  @Benchmark
  public JsonElement raw() {
    int batch = nextBatch();
    byte[] body = bodies[batch];
    byte[] expected = HexFormat.of().parseHex(sha256Headers[batch], "sha256=".length(), sha256Headers[batch].length());
    if (!MessageDigest.isEqual(expected, mac.doFinal(body))) {
      throw new IllegalStateException("signature mismatch on batch " + batch);
    }
    return JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
  }
}
