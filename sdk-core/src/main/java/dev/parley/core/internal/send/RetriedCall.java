package dev.parley.core.internal.send;

import dev.parley.core.ConnectionException;
import dev.parley.core.ParleyException;
import dev.parley.core.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Graph API call outside the send path (a media upload, a media lookup, download or delete), made
 * on the send engine's HTTP client through OkHttp's own dispatcher, so it never holds up sends. A
 * failure answer is mapped by {@link GraphErrors}; throttling, server errors and network failures are
 * retried under the client's {@link RetryPolicy} on the engine's scheduler, each attempt a fresh
 * asynchronous call. Cancelling the future cancels the call in flight and any retry not yet made. The
 * token is redacted from every message.
 *
 * @param <T> what a successful answer is read as
 */
final class RetriedCall<T> implements Callback {
  private static final Logger log = LoggerFactory.getLogger(RetriedCall.class);

  /** Reads a successful (2xx) answer; a {@link ParleyException} it throws fails the call, unretried. */
  interface Reader<T> {
    T read(Response answer) throws IOException;
  }

  private final SendEngine engine;
  private final Request request;
  private final String token;
  private final String context;
  private final Reader<T> reader;
  private final CancellableFuture<T> future = new CancellableFuture<>();
  private volatile int attempts;
  private volatile Instant firstAttemptAt;

  private RetriedCall(SendEngine engine, Request request, String token, String context, Reader<T> reader) {
    this.engine = engine;
    this.request = request;
    this.token = token;
    this.context = context;
    this.reader = reader;
  }

  /**
   * Makes {@code request} and completes with what {@code reader} reads from its answer.
   *
   * @param context the start of every error message, such as "WhatsApp upload of image/png 'a.png' to number 1 failed"
   */
  static <T> CompletableFuture<T> start(SendEngine engine, Request request, String token, String context,
      Reader<T> reader) {
    RetriedCall<T> call = new RetriedCall<>(engine, request, token, context, reader);
    call.next();
    return call.future;
  }

  private void next() {
    try {
      attempt();
    } catch (RuntimeException e) {
      future.completeExceptionally(new ConnectionException(context + ": " + GraphErrors.redact(String.valueOf(e), token),
          e));
    }
  }

  private void attempt() {
    if (future.isDone()) {
      return;
    }
    attempts++;
    if (firstAttemptAt == null) {
      firstAttemptAt = engine.clock().instant();
    }
    Call call = engine.client().newCall(request);
    future.onCancel(call::cancel);
    call.enqueue(this);
  }

  @Override
  public void onFailure(Call call, IOException e) {
    if (future.isDone()) {
      return; // cancelled by the caller
    }
    String message = context + ": no answer (" + GraphErrors.redact(String.valueOf(e.getMessage()), token) + ")";
    handle(new GraphErrors.Outcome(new ConnectionException(message, e), true, Duration.ZERO));
  }

  @Override
  public void onResponse(Call call, Response response) {
    try (response) {
      if (response.isSuccessful()) {
        future.complete(reader.read(response));
      } else {
        String body = response.body().string();
        Duration retryAfter = Retries.retryAfter(response.header("Retry-After"), engine.clock());
        handle(GraphErrors.classify(response.code(), body, retryAfter, context, token));
      }
    } catch (IOException e) {
      onFailure(call, e);
    } catch (ParleyException e) {
      future.completeExceptionally(e);
    } catch (RuntimeException e) {
      future.completeExceptionally(new ParleyException(context + ": " + GraphErrors.redact(String.valueOf(e), token), e));
    }
  }

  private void handle(GraphErrors.Outcome outcome) {
    RetryPolicy policy = engine.config().retryPolicy();
    if (outcome.retryable() && attempts < policy.maxAttempts()) {
      Duration delay = Retries.delay(policy, attempts, outcome.retryAfter());
      Duration spent = Duration.between(firstAttemptAt, engine.clock().instant());
      if (spent.plus(delay).compareTo(policy.maxTotalTime()) <= 0) {
        log.info("{}, retrying in {} ms: {}", context, delay.toMillis(), outcome.error().getMessage());
        engine.scheduler().schedule(delay, this::next);
        return;
      }
    }
    future.completeExceptionally(outcome.retryable() ? Retries.gaveUp(outcome.error(), attempts) : outcome.error());
  }
}
