package dev.parley.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failure the sandbox injects, to show that the code under test retries, backs off and
 * deduplicates. Request faults act on API calls the sandbox receives: {@link #serverError},
 * {@link #rateLimited}, {@link #latency}, {@link #dropConnection}, {@link #dropResponse}. Webhook
 * faults act on webhooks the sandbox sends: {@link #duplicateWebhooks}, {@link #reorderWebhooks}.
 *
 * <p>A fault applies to every request (or webhook) until {@link PlatformSandbox#clearFaults()},
 * unless narrowed: {@link #onPath} to matching paths (of the API request, or of the webhook URL),
 * {@link #times} to the next {@code n} matches, {@link #withProbability} to a seeded random share.
 *
 * <pre>{@code
 * sandbox.inject(Fault.rateLimited(Duration.ofSeconds(1)).onPath("/v25.0/*\/messages").times(2));
 * sandbox.inject(Fault.serverError(503).withProbability(0.2, 42));
 * }</pre>
 *
 * <p>Immutable: each method returns a new fault. Thread-safe.
 */
public final class Fault {
  enum Kind {
    SERVER_ERROR,
    RATE_LIMITED,
    LATENCY,
    DROP_CONNECTION,
    DROP_RESPONSE,
    DUPLICATE_WEBHOOKS,
    REORDER_WEBHOOKS;

    boolean isWebhookFault() {
      return this == DUPLICATE_WEBHOOKS || this == REORDER_WEBHOOKS;
    }
  }

  final Kind kind;
  final int status;
  final Duration duration;
  final String pathGlob;
  final Pattern pathPattern;
  final int times;
  final double probability;
  final long seed;
  final int batchSize;

  private Fault(Kind kind, int status, Duration duration, String pathGlob, int times, double probability, long seed,
      int batchSize) {
    this.kind = kind;
    this.status = status;
    this.duration = duration;
    this.pathGlob = pathGlob;
    this.pathPattern = pathGlob == null ? null : globToPattern(pathGlob);
    this.times = times;
    this.probability = probability;
    this.seed = seed;
    this.batchSize = batchSize;
  }

  private static Fault of(Kind kind, int status, Duration duration, int batchSize) {
    return new Fault(kind, status, duration, null, -1, 1.0, 0L, batchSize);
  }

  /**
   * Answer with a 5xx status and the platform's error body for it: a transient Graph error (code 1 or 2,
   * WhatsApp 131000), or a Stripe {@code api_error}.
   */
  public static Fault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("serverError status " + status + " is not a 5xx status");
    }
    return of(Kind.SERVER_ERROR, status, Duration.ZERO, 0);
  }

  /**
   * Answer 429 with {@code Retry-After} (whole seconds, rounded up) and the platform's throttling body:
   * Graph code 613 on Messenger and other Graph paths, 130429 on WhatsApp numbers, Stripe {@code rate_limit}.
   */
  public static Fault rateLimited(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter " + retryAfter + " is negative");
    }
    return of(Kind.RATE_LIMITED, 429, retryAfter, 0);
  }

  /** Wait this long (real time) before handling the request; combines with other faults. */
  public static Fault latency(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency " + delay + " is negative");
    }
    return of(Kind.LATENCY, 0, delay, 0);
  }

  /** Close the connection without handling the request or answering: nothing happened on the platform. */
  public static Fault dropConnection() {
    return of(Kind.DROP_CONNECTION, 0, Duration.ZERO, 0);
  }

  /**
   * Handle the request (the message is sent, the session created), then close the connection without
   * answering: the caller cannot know it succeeded, the case idempotency keys exist for.
   */
  public static Fault dropResponse() {
    return of(Kind.DROP_RESPONSE, 0, Duration.ZERO, 0);
  }

  /** Deliver each matching webhook twice, as Meta and Stripe do on at-least-once delivery. */
  public static Fault duplicateWebhooks() {
    return of(Kind.DUPLICATE_WEBHOOKS, 0, Duration.ZERO, 0);
  }

  /**
   * Hold the next {@code batchSize} matching webhooks and then deliver them newest first. One batch per
   * fault; {@link PlatformSandbox#releaseHeldWebhooks()} sends an incomplete batch early.
   */
  public static Fault reorderWebhooks(int batchSize) {
    if (batchSize < 2) {
      throw new IllegalArgumentException("reorderWebhooks batch size " + batchSize + " must be at least 2");
    }
    return of(Kind.REORDER_WEBHOOKS, 0, Duration.ZERO, batchSize);
  }

  /**
   * Only requests whose path (or webhooks whose URL path) matches {@code glob}, where {@code *} stands for
   * any characters: {@code /v1/refunds}, {@code /v25.0/*}, {@code *}{@code /messages}.
   */
  public Fault onPath(String glob) {
    Objects.requireNonNull(glob, "glob");
    if (!glob.startsWith("/") && !glob.startsWith("*")) {
      throw new IllegalArgumentException("path glob '" + Redaction.cut(glob) + "' must start with / or *");
    }
    return new Fault(kind, status, duration, glob, times, probability, seed, batchSize);
  }

  /** Only the next {@code n} matching requests or webhooks (after the probability draw, if any). */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times " + n + " must be at least 1");
    }
    if (kind == Kind.REORDER_WEBHOOKS) {
      throw new IllegalArgumentException("reorderWebhooks holds one batch; use its batch size instead of times");
    }
    return new Fault(kind, status, duration, pathGlob, n, probability, seed, batchSize);
  }

  /** Each match fails with this probability, drawn from a generator seeded with {@code seed}: reproducible runs. */
  public Fault withProbability(double p, long seed) {
    if (!(p > 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("probability " + p + " must be in (0, 1]");
    }
    if (kind == Kind.REORDER_WEBHOOKS) {
      throw new IllegalArgumentException("reorderWebhooks holds one batch; it takes no probability");
    }
    return new Fault(kind, status, duration, pathGlob, times, p, seed, batchSize);
  }

  boolean matches(String path) {
    return pathPattern == null || pathPattern.matcher(path).matches();
  }

  /** {@code *} matches any characters; everything else literally. */
  static Pattern globToPattern(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Fault{").append(kind.name().toLowerCase(java.util.Locale.ROOT));
    if (status > 0) {
      out.append(' ').append(status);
    }
    if (!duration.isZero()) {
      out.append(' ').append(duration);
    }
    if (batchSize > 0) {
      out.append(" batch ").append(batchSize);
    }
    if (pathGlob != null) {
      out.append(" on ").append(pathGlob);
    }
    if (times > 0) {
      out.append(" x").append(times);
    }
    if (probability < 1.0) {
      out.append(" p=").append(probability).append(" seed=").append(seed);
    }
    return out.append('}').toString();
  }
}
