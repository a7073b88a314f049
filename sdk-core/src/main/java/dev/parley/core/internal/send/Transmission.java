package dev.parley.core.internal.send;

import dev.parley.core.ConnectionException;
import dev.parley.core.ParleyException;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.SendReceipt;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Call;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one message's request bodies, in order, each through its rate-limit slots, its
 * HTTP attempts and its retries, without ever blocking a caller: every wait is a task on the
 * scheduler, every call a blocking call on one of the engine's worker threads. The sender's limit is
 * taken on the worker right before the call (an uncontended sender costs no hand-off); a request
 * over it waits in the sender's line. The slot is counted from when the request's body is written
 * out ({@link #written}), or from the end of a call that never wrote it. Steps run one after another (each is started by the end of the
 * one before, across a scheduler or worker hand-off), so the mutable state needs no lock.
 *
 * <p>A transmission is itself the task it hands to a worker ({@link #run}), its own place in the
 * sender's line ({@link #released}) and its future's canceller ({@link #cancelled}), so the common
 * path (one part, admitted at once, accepted) allocates no step or callback objects of its own.
 */
final class Transmission implements Runnable, GraphEndpoints.WriteListener, SlidingWindowLimiter.Waiter,
    CancellableFuture.Canceller {
  private static final Logger log = LoggerFactory.getLogger(Transmission.class);
  /** How long a sender is held after a throttling answer without {@code Retry-After}. */
  static final Duration DEFAULT_HOLD = Duration.ofSeconds(1);

  private final SendEngine engine;
  private final GraphEndpoints.Sender sender;
  private final Recipient recipient;
  /** The request bodies, serialized at submission: a queued send holds a short string, not a JSON tree. */
  private final List<String> parts;
  private final boolean heavyMedia;
  private final boolean perCustomerLimit;
  private final String what;
  private final CancellableFuture<SendReceipt> future;
  /** The ids accepted so far; immutable, replaced when one is added (most messages have one part). */
  private List<String> messageIds = List.of();
  private SlidingWindowLimiter window;
  /** True from the admission of an attempt by {@link #window} until it reported the write. */
  private boolean unwritten;
  private int part;
  private int partAttempts;
  private int attempts;
  private Instant firstAttemptAt;
  /** The HTTP call of the current attempt, for {@link #cancelled}: written by the step that makes it, read by any thread. */
  private volatile Call inFlight;

  Transmission(SendEngine engine, GraphEndpoints.Sender sender, Recipient recipient, List<String> parts,
      boolean heavyMedia, boolean perCustomerLimit, String what, CancellableFuture<SendReceipt> future) {
    this.engine = engine;
    this.sender = sender;
    this.recipient = recipient;
    this.parts = List.copyOf(parts);
    this.heavyMedia = heavyMedia;
    this.perCustomerLimit = perCustomerLimit;
    this.what = what;
    this.future = future;
  }

  void start() {
    future.onCancel(this);
    try {
      nextAttempt();
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  /** On a worker: the step {@link #toWorker} handed over. */
  @Override
  public void run() {
    try {
      transmit();
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  private void nextAttempt() {
    if (future.isDone()) {
      return;
    }
    if (perCustomerLimit && engine.rateLimits().limitsCustomer(recipient)) {
      Instant now = engine.clock().instant();
      Instant slot = engine.rateLimits().reserveCustomer(recipient, now);
      if (slot.isAfter(now)) {
        Duration wait = Duration.between(now, slot);
        if (log.isDebugEnabled()) {
          log.debug("{} to {} waits {} for its per-customer slot", what, recipient.key(), wait);
        }
        engine.scheduler().schedule(wait, guarded(this::toWorker));
        return;
      }
    }
    toWorker();
  }

  private void toWorker() {
    if (!future.isDone()) {
      engine.workers().execute(this);
    }
  }

  /** On a worker: takes the sender's slot (or queues for it), then calls. */
  private void transmit() {
    if (future.isDone()) {
      return;
    }
    window = engine.rateLimits().sender(recipient, heavyMedia);
    if (window != null) {
      if (!window.tryAdmit(this)) {
        if (log.isDebugEnabled()) {
          log.debug("{} to {} waits for a slot of {}", what, recipient.key(), sender);
        }
        return;
      }
      unwritten = true;
    }
    call();
  }

  /** On the scheduler: the sender's line reserved a slot for this request. */
  @Override
  public void released() {
    engine.workers().execute(guarded(this::admitted));
  }

  /** On a worker: a slot was reserved for this request while it waited. */
  private void admitted() {
    if (future.isDone()) {
      window.unreserve();
      return;
    }
    window.claim();
    unwritten = true;
    call();
  }

  private void call() {
    attempts++;
    partAttempts++;
    if (firstAttemptAt == null) {
      firstAttemptAt = engine.clock().instant();
    }
    if (log.isDebugEnabled()) {
      log.debug("sending {} (part {} of {}) to {} from {}, attempt {}", what, part + 1, parts.size(), recipient.key(),
          sender, partAttempts);
    }
    String body = null;
    Response response = null;
    IOException failure = null;
    try {
      Call call = engine.client().newCall(engine.endpoints().messages(sender, parts.get(part), this));
      inFlight = call;
      if (future.isCancelled()) {
        call.cancel(); // cancelled before inFlight was set: cancelled() may have missed this call
      }
      try (Response answer = call.execute()) {
        response = answer;
        body = GraphEndpoints.answerText(answer);
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      // before anything that may start the next attempt; a call that never wrote its body still counts,
      // from now: some of it may have reached the platform
      written();
    }
    if (failure != null) {
      failed(failure);
      return;
    }
    answered(response, body);
  }

  /** On the thread that cancelled the future: cancels the call in flight, if any (later steps see the future done). */
  @Override
  public void cancelled() {
    Call call = inFlight;
    if (call != null) {
      call.cancel();
    }
  }

  /**
   * On the calling worker, from the request body as OkHttp writes it (and after the call, in case it
   * never did): the sender's window counts this attempt from now, once.
   */
  @Override
  public void written() {
    if (unwritten) {
      unwritten = false;
      window.written();
    }
  }

  private void answered(Response response, String body) {
    if (response.isSuccessful()) {
      String id = MessageIds.of(body);
      if (id != null) {
        messageIds = messageIds.isEmpty() ? List.of(id) : appended(messageIds, id);
      }
      part++;
      partAttempts = 0;
      if (part < parts.size()) {
        nextAttempt();
      } else {
        if (log.isDebugEnabled()) {
          log.debug("{} to {} accepted after {} attempts", what, recipient.key(), attempts);
        }
        future.complete(new SendReceipt(messageIds.isEmpty() ? null : messageIds.get(0), recipient.channel(), recipient, attempts, messageIds));
      }
      return;
    }
    Duration retryAfter = Retries.retryAfter(response.header("Retry-After"), engine.clock());
    GraphErrors.Outcome outcome = GraphErrors.classify(response.code(), body, retryAfter, context(), token());
    if (window != null && GraphErrors.throttlesSender(outcome.error())) {
      Duration hold = retryAfter.isZero() ? DEFAULT_HOLD : retryAfter;
      log.warn("{} throttled by the platform (HTTP {}); holding its sends for {} ms", sender, response.code(), hold.toMillis());
      window.hold(hold);
    }
    handle(outcome);
  }

  private void failed(IOException e) {
    if (future.isDone()) {
      return; // cancelled by the caller; a call timeout also reports itself as cancelled, so ask the future
    }
    String message = context() + ": no answer (" + GraphErrors.redact(String.valueOf(e.getMessage()), token()) + ")";
    handle(new GraphErrors.Outcome(new ConnectionException(message, e), true, Duration.ZERO));
  }

  private void handle(GraphErrors.Outcome outcome) {
    RetryPolicy policy = engine.config().retryPolicy();
    if (outcome.retryable() && partAttempts < policy.maxAttempts()) {
      Duration delay = Retries.delay(policy, partAttempts, outcome.retryAfter());
      Duration spent = Duration.between(firstAttemptAt, engine.clock().instant());
      if (spent.plus(delay).compareTo(policy.maxTotalTime()) <= 0) {
        log.info("{} to {} failed, retrying in {} ms: {}", what, recipient.key(), delay.toMillis(),
            outcome.error().getMessage());
        engine.scheduler().schedule(delay, guarded(this::nextAttempt));
        return;
      }
    }
    ParleyException error = outcome.retryable() ? Retries.gaveUp(outcome.error(), partAttempts) : outcome.error();
    if (log.isDebugEnabled()) {
      log.debug("{} to {} failed after {} attempts: {}", what, recipient.key(), attempts, error.getMessage());
    }
    future.completeExceptionally(error);
  }



  private String context() {
    return recipient.channel() + " send of " + what + " to " + recipient.userId() + " from " + recipient.businessId() + " failed";
  }

  private String token() {
    return sender.account().token();
  }


  private static List<String> appended(List<String> ids, String id) {
    List<String> more = new ArrayList<>(ids.size() + 1);
    more.addAll(ids);
    more.add(id);
    return List.copyOf(more);
  }

  private Runnable guarded(Runnable step) {
    return () -> {
      try {
        step.run();
      } catch (RuntimeException | Error e) {
        fail(e);
      }
    };
  }

  /** Completes the future with what a step threw; an {@link Error} is thrown on after. */
  private void fail(Throwable e) {
    if (e instanceof ParleyException parley) {
      future.completeExceptionally(parley);
      return;
    }
    future.completeExceptionally(new ParleyException(context() + ": " + GraphErrors.redact(String.valueOf(e), token()), e));
    if (e instanceof Error error) {
      throw error;
    }
  }
}
