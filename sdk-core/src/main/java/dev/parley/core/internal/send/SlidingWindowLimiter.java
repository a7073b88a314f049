package dev.parley.core.internal.send;

import dev.parley.core.DelayScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The limit of one page or number: at most {@code limit} requests in any window of
 * {@code window}, each counted from the moment its bytes were written to the connection, the nearest
 * this side gets to when the platform counts it (a sliding window at the platform's side, no burst on
 * top); and, within it, an even pace of {@code limit} per {@code paceWindow} (a cell rate with a
 * tolerance of a thirtieth of the limit, at least 3 requests), so that the window's requests do not
 * all go at its start, and a late scheduler that bunches some of them makes the following ones wait
 * (the window) without slowing the pace for good.
 *
 * <p>Why the write and not the admission: on a busy machine a request admitted on time may reach the
 * wire tens of milliseconds later (its thread waits for a core), after requests admitted behind it;
 * counted from its admission, its slot would free up too early and the platform's window, which
 * counts arrivals, would see one request too many. So an admitted request holds its slot, counted
 * as "now", until it reports {@link #written} (or ends without being written); from then on its slot
 * stays taken for one window.
 *
 * <p>A request finds its slot free or waits in line: {@link #tryAdmit} admits at once on the
 * calling thread when a slot is free and nobody waits (the common case: no hand-off), and otherwise
 * queues the request in order; one task on the scheduler then releases the queue as slots free up.
 * A released request holds a reserved slot until it {@link #claim claims} it or
 * {@link #unreserve gives it back}. {@link #hold} closes the window for a while after the platform
 * said the sender is throttled. Thread-safe.
 */
final class SlidingWindowLimiter {
  private final int limit;
  private final long windowNanos;
  private final long paceNanos;
  private final long toleranceNanos;
  /** The theoretical time of the next request at the pace, in nanoseconds since the epoch. */
  private long theoretical;
  private final Clock clock;
  private final DelayScheduler scheduler;
  /** The write times of the last {@code count} written requests still inside the window, oldest at {@code oldest}. */
  private final long[] written;
  private int oldest;
  private int count;
  /** Requests admitted (or claimed) whose bytes are not written yet: each counts as if written now. */
  private int unwritten;
  /** Slots handed to released requests that have not claimed them yet. */
  private int reserved;
  private long heldUntil = Long.MIN_VALUE;
  private boolean armed;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

  /** A request queued for a slot; a type of its own so that a sender can be its own waiter (no object per request). */
  interface Waiter {
    /** A slot is reserved for this request: on the scheduler's thread; must lead to {@link #claim} or {@link #unreserve}. */
    void released();
  }

  SlidingWindowLimiter(int limit, Duration window, Duration paceWindow, Clock clock, DelayScheduler scheduler) {
    if (limit < 1 || window.isNegative() || window.isZero() || paceWindow.compareTo(window) < 0) {
      throw new IllegalArgumentException("limit " + limit + " per " + window + ", paced per " + paceWindow);
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.paceNanos = paceWindow.toNanos() / limit;
    // a bot's answer of two or three messages goes at once even at 10 per second
    this.toleranceNanos = paceNanos * (Math.min(limit, Math.max(3, limit / 30)) - 1);
    this.clock = clock;
    this.scheduler = scheduler;
    this.written = new long[limit];
  }

  /**
   * Admits a request now (true: it must go at once, and report {@link #written} once) or queues it
   * (false): {@code waiter} is then {@linkplain Waiter#released released} once a slot is reserved for it.
   */
  boolean tryAdmit(Waiter waiter) {
    synchronized (this) {
      long now = nanos(clock.instant());
      if (waiting.isEmpty() && free(now)) {
        pace(now);
        unwritten++;
        return true;
      }
      waiting.addLast(waiter);
      arm(now);
      return false;
    }
  }

  /** A released request goes now; it must report {@link #written} once, like one admitted at once. */
  synchronized void claim() {
    reserved--;
    unwritten++;
  }

  /**
   * An admitted or claimed request's bytes were written to the connection (or its call ended without
   * writing them: it failed to connect, or was cancelled): its slot is counted from this moment.
   */
  synchronized void written() {
    long now = nanos(clock.instant());
    unwritten--;
    record(now);
    if (!waiting.isEmpty()) {
      arm(now);
    }
  }

  /** A released request will not go after all (cancelled): its slot passes to the next in line. */
  void unreserve() {
    List<Waiter> released;
    synchronized (this) {
      reserved--;
      theoretical -= paceNanos;
      released = release(nanos(clock.instant()));
    }
    released.forEach(Waiter::released);
  }

  /** Admits nothing before {@code pause} from now: the platform refused a request as over the sender's rate. */
  synchronized void hold(Duration pause) {
    long now = nanos(clock.instant());
    heldUntil = Math.max(heldUntil, now + pause.toNanos());
    if (!waiting.isEmpty()) {
      arm(now);
    }
  }

  /** Requests queued for a slot. */
  synchronized int waiting() {
    return waiting.size();
  }

  private void fire() {
    List<Waiter> released;
    synchronized (this) {
      armed = false;
      released = release(nanos(clock.instant()));
    }
    released.forEach(Waiter::released);
  }

  private List<Waiter> release(long now) {
    List<Waiter> released = new ArrayList<>();
    while (!waiting.isEmpty() && free(now)) {
      reserved++;
      pace(now);
      released.add(waiting.pollFirst());
    }
    if (!waiting.isEmpty()) {
      arm(now);
    }
    return released;
  }

  /** Schedules the release of the queue for the moment a slot frees up, unless already scheduled. */
  private void arm(long now) {
    if (armed) {
      return;
    }
    long at = Math.max(heldUntil, theoretical - toleranceNanos);
    int mustExpire = count + unwritten + reserved - limit + 1;
    if (mustExpire > count) {
      // requests not yet written fill the window: the release happens when they are
      return;
    } else if (mustExpire > 0) {
      at = Math.max(at, written[(oldest + mustExpire - 1) % limit] + windowNanos);
    }
    armed = true;
    scheduler.schedule(Duration.ofNanos(Math.max(1, at - now)), this::fire);
  }

  private boolean free(long now) {
    if (now < heldUntil) {
      return false;
    }
    while (count > 0 && written[oldest] <= now - windowNanos) {
      oldest = (oldest + 1) % limit;
      count--;
    }
    return count + unwritten + reserved < limit && now >= theoretical - toleranceNanos;
  }

  private void pace(long now) {
    theoretical = Math.max(theoretical, now) + paceNanos;
  }

  private void record(long now) {
    written[(oldest + count) % limit] = now;
    count++;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  @Override
  public synchronized String toString() {
    return "SlidingWindowLimiter{" + limit + " per " + Duration.ofNanos(windowNanos) + ", " + waiting.size() + " waiting}";
  }
}
