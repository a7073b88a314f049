package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.send.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The limiters hold their rates in virtual time: slots are computed, never waited for. */
class RateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-07-10T12:00:00Z");

  @Test
  void slotsFreedByIdleTimeAreReusedButNotHoarded() {
    RateLimiter limiter = new RateLimiter(Duration.ofMillis(100), 1);
    limiter.reserve(T0);
    Instant later = T0.plusSeconds(60);
    assertEquals(later, limiter.reserve(later), "after a minute idle the next request goes at once");
    assertEquals(later.plusMillis(100), limiter.reserve(later), "burst of 1 at 10/s: the next waits 100 ms");
  }

  @Test
  void aWhatsAppCustomerGetsABurstOfThreeThenOneMessagePerSixSecondsWhileOthersAreNotHeldBack() {
    SendRateLimits limits = limits(RateLimits.DEFAULT);
    Recipient ada = Recipient.whatsApp("2000000002", "15551234567");
    Recipient bob = Recipient.whatsApp("2000000002", "15557654321");
    for (int i = 0; i < 3; i++) {
      assertEquals(T0, limits.reserveCustomer(ada, T0), "message " + (i + 1) + " of the burst goes at once");
    }
    assertEquals(T0.plusSeconds(6), limits.reserveCustomer(ada, T0));
    assertEquals(T0.plusSeconds(12), limits.reserveCustomer(ada, T0));
    assertEquals(T0, limits.reserveCustomer(bob, T0));
    assertEquals(T0, limits.reserveCustomer(Recipient.messenger("1", "2"), T0), "Messenger has no pair limit");
  }

  @Test
  void aBurstOfOneMeansStrictlyOneMessagePerInterval() {
    SendRateLimits limits = limits(RateLimits.builder().whatsAppCustomerBurst(1).build());
    Recipient ada = Recipient.whatsApp("2000000002", "15551234567");
    assertEquals(T0, limits.reserveCustomer(ada, T0));
    assertEquals(T0.plusSeconds(6), limits.reserveCustomer(ada, T0));
  }

  @Test
  void anUpgradedWhatsAppNumberGoesAtItsOwnRate() {
    SendRateLimits limits = limits(RateLimits.builder().whatsAppNumberPerSecond("999", 1000).build());
    assertEquals(33, admittedAtOnce(limits.sender(Recipient.whatsApp("999", "15550001"), false), 1001),
        "1,000/s: a thirtieth at once, then the pace");
    assertEquals(3, admittedAtOnce(limits.sender(Recipient.whatsApp("888", "15550001"), false), 81),
        "default 80/s: a short burst of 3, then the pace");
  }

  @Test
  void messengerAudioAndVideoHaveTheirOwnTenPerSecond() {
    SendRateLimits limits = limits(RateLimits.DEFAULT);
    Recipient customer = Recipient.messenger("1000000001", "24680");
    assertEquals(3, admittedAtOnce(limits.sender(customer, true), 21), "10/s: 3 at once, then the pace");
    assertEquals(10, admittedAtOnce(limits.sender(customer, false), 301), "text is not held behind video");
  }

  @Test
  void noLimiterWhenLimitsAreOff() {
    assertNull(limits(RateLimits.none()).sender(Recipient.messenger("1000000001", "24680"), false));
  }

  private static SendRateLimits limits(RateLimits limits) {
    VirtualTime time = new VirtualTime(T0);
    return new SendRateLimits(limits, time, time);
  }

  private static int admittedAtOnce(SlidingWindowLimiter limiter, int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      admitted += limiter.tryAdmit(() -> {}) ? 1 : 0;
    }
    return admitted;
  }
}
