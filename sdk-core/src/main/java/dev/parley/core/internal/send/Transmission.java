package dev.parley.core.internal.send;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.parley.core.ConnectionException;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.SendReceipt;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one message's request bodies, in order, each through its rate-limit slots, its
 * HTTP attempts and its retries, without ever blocking a thread: every wait is a task on the
 * scheduler, every call is asynchronous. Steps run one after another (each is started by the end of
 * the one before, across a scheduler or OkHttp hand-off), so the mutable state needs no lock.
 */
final class Transmission implements Callback {
  private static final Logger log = LoggerFactory.getLogger(Transmission.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final SendEngine engine;
  private final Account account;
  private final Recipient recipient;
  private final List<JsonObject> parts;
  private final boolean heavyMedia;
  private final boolean perCustomerLimit;
  private final String what;
  private final CancellableFuture<SendReceipt> future;
  private final List<String> messageIds = new ArrayList<>();
  private int part;
  private int partAttempts;
  private int attempts;
  private Instant firstAttemptAt;

  Transmission(SendEngine engine, Account account, Recipient recipient, List<JsonObject> parts, boolean heavyMedia,
      boolean perCustomerLimit, String what, CancellableFuture<SendReceipt> future) {
    this.engine = engine;
    this.account = account;
    this.recipient = recipient;
    this.parts = List.copyOf(parts);
    this.heavyMedia = heavyMedia;
    this.perCustomerLimit = perCustomerLimit;
    this.what = what;
    this.future = future;
  }

  void start() {
    guarded(this::nextAttempt).run();
  }

  private void nextAttempt() {
    if (future.isDone()) {
      return;
    }
    Instant now = engine.clock().instant();
    if (perCustomerLimit) {
      at(engine.rateLimits().reserveCustomer(recipient, now), now, this::senderSlot);
    } else {
      senderSlot();
    }
  }

  private void senderSlot() {
    if (future.isDone()) {
      return;
    }
    Instant now = engine.clock().instant();
    at(engine.rateLimits().reserveSender(recipient, heavyMedia, now), now, this::dispatch);
  }

  private void at(Instant slot, Instant now, Runnable step) {
    Duration wait = Duration.between(now, slot);
    if (wait.isZero() || wait.isNegative()) {
      step.run();
    } else {
      log.debug("{} to {} waits {} for its rate-limit slot", what, recipient.key(), wait);
      engine.scheduler().schedule(wait, guarded(step));
    }
  }

  private void dispatch() {
    if (future.isDone()) {
      return;
    }
    attempts++;
    partAttempts++;
    if (firstAttemptAt == null) {
      firstAttemptAt = engine.clock().instant();
    }
    log.debug("sending {} (part {} of {}) to {} from {}, attempt {}", what, part + 1, parts.size(), recipient.key(),
        account, partAttempts);
    Call call = engine.client().newCall(request(parts.get(part)));
    future.onCancel(call::cancel);
    if (!call.isCanceled()) {
      call.enqueue(this);
    }
  }

  private Request request(JsonObject body) {
    HttpUrl.Builder url = HttpUrl.get(engine.config().graphApiBase()).newBuilder()
        .addPathSegment(engine.config().graphVersion())
        .addPathSegment(account.businessId())
        .addPathSegment("messages");
    if (account.appSecretProof() != null) {
      url.addQueryParameter("appsecret_proof", account.appSecretProof());
    }
    return new Request.Builder()
        .url(url.build())
        .header("Authorization", "Bearer " + account.token())
        .post(RequestBody.create(body.toString(), JSON))
        .build();
  }

  @Override
  public void onResponse(Call call, Response response) {
    String body;
    try (response) {
      body = response.body().string();
    } catch (IOException e) {
      onFailure(call, e);
      return;
    }
    guarded(() -> answered(response, body)).run();
  }

  private void answered(Response response, String body) {
    if (response.isSuccessful()) {
      String id = messageId(body);
      if (id != null) {
        messageIds.add(id);
      }
      part++;
      partAttempts = 0;
      if (part < parts.size()) {
        nextAttempt();
      } else {
        log.debug("{} to {} accepted after {} attempts", what, recipient.key(), attempts);
        future.complete(new SendReceipt(messageIds.isEmpty() ? null : messageIds.get(0), recipient.channel(), recipient, attempts, messageIds));
      }
      return;
    }
    Duration retryAfter = retryAfter(response.header("Retry-After"));
    handle(GraphErrors.classify(response.code(), body, retryAfter, context(), account.token()));
  }

  @Override
  public void onFailure(Call call, IOException e) {
    if (future.isDone()) {
      return; // cancelled by the caller; a call timeout also reports itself as cancelled, so ask the future
    }
    String message = context() + ": no answer (" + GraphErrors.redact(String.valueOf(e.getMessage()), account.token()) + ")";
    guarded(() -> handle(new GraphErrors.Outcome(new ConnectionException(message, e), true, Duration.ZERO))).run();
  }

  private void handle(GraphErrors.Outcome outcome) {
    RetryPolicy policy = engine.config().retryPolicy();
    if (outcome.retryable() && partAttempts < policy.maxAttempts()) {
      Duration delay = delay(policy, outcome.retryAfter());
      Duration spent = Duration.between(firstAttemptAt, engine.clock().instant());
      if (spent.plus(delay).compareTo(policy.maxTotalTime()) <= 0) {
        log.info("{} to {} failed, retrying in {} ms: {}", what, recipient.key(), delay.toMillis(),
            outcome.error().getMessage());
        engine.scheduler().schedule(delay, guarded(this::nextAttempt));
        return;
      }
    }
    ParleyException error = outcome.retryable() ? gaveUp(outcome.error()) : outcome.error();
    log.debug("{} to {} failed after {} attempts: {}", what, recipient.key(), attempts, error.getMessage());
    future.completeExceptionally(error);
  }

  private Duration delay(RetryPolicy policy, Duration retryAfter) {
    Duration backoff = policy.backoff(partAttempts);
    double shrink = 1.0 - policy.jitter() * ThreadLocalRandom.current().nextDouble();
    Duration jittered = Duration.ofNanos((long) (backoff.toNanos() * shrink));
    return retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
  }

  private ParleyException gaveUp(ParleyException last) {
    String message = last.getMessage() + " (gave up after " + partAttempts + " attempts)";
    PlatformError error = new PlatformError(last.httpStatus(), last.code(), last.subcode(), last.traceId(), last.isTransient());
    if (last instanceof RateLimitedException limited) {
      return new RateLimitedException(message, limited.retryAfter(), error, last);
    }
    if (last instanceof ConnectionException) {
      return new ConnectionException(message, last.getCause());
    }
    return new PlatformUnavailableException(message, error, last);
  }

  private String context() {
    return recipient.channel() + " send of " + what + " to " + recipient.userId() + " from " + account.businessId() + " failed";
  }

  private Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(engine.clock().instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return Duration.ZERO;
      }
    }
  }

  /** The id in a success answer: Messenger {@code message_id}, WhatsApp {@code messages[0].id}; null for sender actions. */
  static String messageId(String body) {
    try {
      JsonElement root = JsonParser.parseString(body);
      if (!root.isJsonObject()) {
        return null;
      }
      JsonObject object = root.getAsJsonObject();
      if (object.has("message_id")) {
        return object.get("message_id").getAsString();
      }
      if (object.has("messages") && object.get("messages").isJsonArray() && !object.getAsJsonArray("messages").isEmpty()) {
        JsonElement first = object.getAsJsonArray("messages").get(0);
        return first.isJsonObject() && first.getAsJsonObject().has("id") ? first.getAsJsonObject().get("id").getAsString() : null;
      }
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      log.warn("the platform accepted a request but its answer is not the expected JSON");
    }
    return null;
  }

  private Runnable guarded(Runnable step) {
    return () -> {
      try {
        step.run();
      } catch (ParleyException e) {
        future.completeExceptionally(e);
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(new ParleyException(context() + ": " + GraphErrors.redact(String.valueOf(e), account.token()), e));
        if (e instanceof Error error) {
          throw error;
        }
      }
    };
  }
}
