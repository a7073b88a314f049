package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.send.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The page and number limiter in virtual time: what it admits, when, and in what order. */
class SlidingWindowLimiterTest {
  private static final Instant T0 = Instant.parse("2026-07-10T12:00:00Z");
  private static final Duration SECOND = Duration.ofSeconds(1);
  /** The random-load tests: a sender's window (and pace) as the client configures it, 50 to a window. */
  private static final Duration WINDOW = SendRateLimits.SENDER_WINDOW;
  private static final int LIMIT = 50;
  private static final int REQUESTS = 2_000;

  private final VirtualTime time = new VirtualTime(T0);
  private final List<Instant> dispatched = Collections.synchronizedList(new ArrayList<>());

  @Test
  void aFreeSlotAdmitsAtOnceWithoutTheScheduler() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(300, SECOND, SECOND, time, time);
    for (int i = 0; i < 10; i++) {
      assertTrue(goesAtOnce(limiter), "the pace tolerates a thirtieth of the limit at once");
    }
    assertEquals(0, time.pending(), "nothing handed to the scheduler");
    assertFalse(limiter.tryAdmit(() -> {}), "the 11th at the same instant waits for the pace");
    assertEquals(1, time.pending(), "one release task for the whole line");
    time.advance(Duration.ofMillis(3333));
    for (int i = 0; i < 10; i++) {
      assertTrue(goesAtOnce(limiter), "once the line is empty, requests at the pace go at once");
      time.advance(Duration.ofMillis(4));
    }
  }

  @Test
  void thePaceSpreadsAWindowsRequestsEvenly() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(300, SECOND, Duration.ofMillis(1030), time, time);
    for (int i = 0; i < 900; i++) {
      send(limiter, Duration.ZERO);
    }
    time.advance(Duration.ofSeconds(10));
    assertEquals(900, dispatched.size());
    Duration took = Duration.between(T0, dispatched.get(899));
    // 10 at once, then one every 1030/300 ms: 890 intervals
    assertEquals(Duration.ofNanos(890 * (1_030_000_000L / 300)), took);
  }

  @Test
  void neverAdmitsMoreThanTheLimitInAnySlidingWindowUnderRandomLoad() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(LIMIT, WINDOW, WINDOW, time, time);
    Random random = new Random(42);
    for (int i = 0; i < REQUESTS; i++) {
      burstsAndGaps(random, 400);
      Duration claimAfter = Duration.ofMillis(random.nextInt(3) == 0 ? random.nextInt(200) : 0);
      boolean cancelled = random.nextInt(50) == 0;
      if (limiter.tryAdmit(() -> released(limiter, claimAfter, cancelled))) {
        limiter.written();
        dispatched.add(time.instant());
      }
      if (random.nextInt(200) == 0) {
        limiter.hold(Duration.ofMillis(random.nextInt(1500)));
      }
    }
    time.advance(Duration.ofMinutes(10));
    assertEquals(0, limiter.waiting(), "every request got its slot in the end");
    assertTrue(dispatched.size() > REQUESTS * 0.95, "all but the cancelled went: " + dispatched.size());
    assertNoWindowHoldsMoreThan(LIMIT, WINDOW);
  }

  @Test
  void aRequestCountsFromWhenItWasWrittenNotWhenItWasAdmitted() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, SECOND, SECOND, time, time);
    assertTrue(limiter.tryAdmit(() -> {}));
    time.advance(Duration.ofMillis(40)); // its thread waited for a core before writing
    limiter.written();
    assertFalse(send(limiter, Duration.ZERO));
    time.advance(Duration.ofMillis(960));
    assertEquals(List.of(), dispatched, "one window after the admission is too early: the platform saw it 40 ms later");
    time.advance(Duration.ofMillis(40));
    assertEquals(List.of(T0.plusMillis(1040)), dispatched, "one window after the write");
  }

  @Test
  void aRequestNotYetWrittenHoldsItsSlot() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, SECOND, SECOND, time, time);
    assertTrue(limiter.tryAdmit(() -> {}));
    assertFalse(send(limiter, Duration.ZERO));
    time.advance(Duration.ofSeconds(5)); // a slow connection: still not written
    assertEquals(List.of(), dispatched, "the first request may still reach the platform at any moment");
    limiter.written();
    time.advance(Duration.ofMillis(999));
    assertEquals(List.of(), dispatched);
    time.advance(Duration.ofMillis(1));
    assertEquals(List.of(T0.plusSeconds(6)), dispatched);
  }

  @Test
  void neverWritesMoreThanTheLimitInAnySlidingWindowWhenWritesLagAdmissions() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(LIMIT, WINDOW, WINDOW, time, time);
    Random random = new Random(7);
    for (int i = 0; i < REQUESTS; i++) {
      burstsAndGaps(random, 300);
      // most requests are written at once, some only after their thread waited for a core
      Duration lag = Duration.ofMillis(random.nextInt(4) == 0 ? 1 + random.nextInt(120) : 0);
      send(limiter, lag);
    }
    time.advance(Duration.ofMinutes(10));
    assertEquals(0, limiter.waiting());
    assertEquals(REQUESTS, dispatched.size());
    assertNoWindowHoldsMoreThan(LIMIT, WINDOW);
  }

  @Test
  void waitingRequestsGoInOrderAtTheLimitsPace() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, SECOND, SECOND, time, time);
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 6; i++) {
      int number = i;
      if (limiter.tryAdmit(() -> {
        limiter.claim();
        limiter.written();
        order.add(number);
        dispatched.add(time.instant());
      })) {
        limiter.written();
        order.add(number);
        dispatched.add(time.instant());
      }
    }
    time.advance(Duration.ofSeconds(5));
    assertEquals(List.of(0, 1, 2, 3, 4, 5), order);
    assertEquals(List.of(T0, T0, T0.plusSeconds(1), T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(2)), dispatched,
        "two per second, a window's two at once");
  }

  @Test
  void aNewRequestDoesNotOvertakeOneWaiting() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, SECOND, SECOND, time, time);
    assertTrue(goesAtOnce(limiter));
    List<String> released = new ArrayList<>();
    assertFalse(limiter.tryAdmit(() -> released.add("first in line")));
    time.advance(SECOND);
    assertEquals(List.of("first in line"), released, "released with a reserved slot, not yet claimed");
    assertFalse(limiter.tryAdmit(() -> released.add("second")), "the reserved slot is not free to a newcomer");
  }

  @Test
  void aHoldAdmitsNothingUntilItEnds() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(300, SECOND, SECOND, time, time);
    assertTrue(goesAtOnce(limiter));
    limiter.hold(Duration.ofSeconds(2));
    assertFalse(limiter.tryAdmit(() -> {
      limiter.claim();
      dispatched.add(time.instant());
    }), "held although 299 slots are free");
    time.advance(Duration.ofMillis(1999));
    assertEquals(List.of(), dispatched);
    time.advance(Duration.ofMillis(1));
    assertEquals(List.of(T0.plusSeconds(2)), dispatched);
    assertTrue(goesAtOnce(limiter), "free again after the hold");
  }

  @Test
  void aCancelledWaiterPassesItsSlotOn() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, SECOND, SECOND, time, time);
    assertTrue(goesAtOnce(limiter));
    assertFalse(limiter.tryAdmit(limiter::unreserve));
    assertFalse(limiter.tryAdmit(() -> {
      limiter.claim();
      dispatched.add(time.instant());
    }));
    time.advance(SECOND);
    assertEquals(List.of(T0.plusSeconds(1)), dispatched, "the slot the cancelled one gave back");
  }

  /**
   * Asks for a slot for a request whose bytes are written {@code lag} after it has one (at once, or
   * when the limiter releases it), recording when; true if it had a slot at once.
   */
  private boolean send(SlidingWindowLimiter limiter, Duration lag) {
    if (limiter.tryAdmit(() -> {
      limiter.claim();
      writeAfter(limiter, lag);
    })) {
      writeAfter(limiter, lag);
      return true;
    }
    return false;
  }

  /** Writes the request's bytes {@code lag} from now, recording when. */
  private void writeAfter(SlidingWindowLimiter limiter, Duration lag) {
    Runnable write = () -> {
      limiter.written();
      dispatched.add(time.instant());
    };
    if (lag.isZero()) {
      write.run();
    } else {
      time.schedule(lag, write);
    }
  }

  /** Admits a request that goes at once and writes its bytes at once; false when it had to queue. */
  private static boolean goesAtOnce(SlidingWindowLimiter limiter) {
    if (limiter.tryAdmit(() -> {})) {
      limiter.written();
      return true;
    }
    return false;
  }

  /** Bursts and gaps: one request in ten after a pause of up to {@code longestPauseMillis}, half the rest a few ms on. */
  private void burstsAndGaps(Random random, int longestPauseMillis) {
    if (random.nextInt(10) == 0) {
      time.advance(Duration.ofMillis(random.nextInt(longestPauseMillis)));
    } else if (random.nextBoolean()) {
      time.advance(Duration.ofMillis(random.nextInt(5)));
    }
  }

  /** No {@code limit + 1} of the recorded writes fall inside one {@code window}, wherever it slides. */
  private void assertNoWindowHoldsMoreThan(int limit, Duration window) {
    List<Instant> times = new ArrayList<>(dispatched);
    Collections.sort(times);
    for (int first = 0; first + limit < times.size(); first++) {
      Instant next = times.get(first + limit);
      assertTrue(!next.isBefore(times.get(first).plus(window)),
          "writes " + first + " to " + (first + limit) + " fall inside one window: " + times.get(first) + " .. " + next);
    }
  }

  private void released(SlidingWindowLimiter limiter, Duration claimAfter, boolean cancelled) {
    Runnable go = () -> {
      if (cancelled) {
        limiter.unreserve();
      } else {
        limiter.claim();
        limiter.written();
        dispatched.add(time.instant());
      }
    };
    if (claimAfter.isZero()) {
      go.run();
    } else {
      time.schedule(claimAfter, go);
    }
  }
}
