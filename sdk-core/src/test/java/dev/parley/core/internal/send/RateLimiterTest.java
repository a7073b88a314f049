package dev.parley.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limiters hold their rates in virtual time: slots are computed, never waited for. */
class RateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-07-10T12:00:00Z");

  @Test
  void aPageHoldsThreeHundredPerSecondOverTenSeconds() {
    RateLimiter limiter = RateLimiter.perSecond(300);
    List<Instant> slots = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      slots.add(limiter.reserve(T0));
    }
    assertEquals(T0, slots.get(29), "a burst of a tenth of a second goes at once");
    assertTrue(slots.get(30).isAfter(T0));
    for (int start = 0; start < 3000; start++) {
      Instant windowEnd = slots.get(start).plusSeconds(1);
      long inWindow = slots.stream().filter(s -> !s.isBefore(slots.get(0)) && !s.isBefore(windowEnd.minusSeconds(1))
          && s.isBefore(windowEnd)).count();
      assertTrue(inWindow <= 330, "at most 300/s plus the burst in any second, got " + inWindow);
      start += 99;
    }
    Duration total = Duration.between(T0, slots.get(2999));
    assertTrue(total.compareTo(Duration.ofMillis(9890)) >= 0 && total.compareTo(Duration.ofMillis(9910)) <= 0, total.toString());
  }

  @Test
  void slotsFreedByIdleTimeAreReusedButNotHoarded() {
    RateLimiter limiter = RateLimiter.perSecond(10);
    limiter.reserve(T0);
    Instant later = T0.plusSeconds(60);
    assertEquals(later, limiter.reserve(later), "after a minute idle the next request goes at once");
    assertEquals(later.plusMillis(100), limiter.reserve(later), "burst of 1 at 10/s: the next waits 100 ms");
  }

  @Test
  void aWhatsAppCustomerGetsOneMessagePerSixSecondsWhileOthersAreNotHeldBack() {
    SendRateLimits limits = new SendRateLimits(RateLimits.DEFAULT);
    Recipient ada = Recipient.whatsApp("2000000002", "15551234567");
    Recipient bob = Recipient.whatsApp("2000000002", "15557654321");
    assertEquals(T0, limits.reserveCustomer(ada, T0));
    assertEquals(T0.plusSeconds(6), limits.reserveCustomer(ada, T0));
    assertEquals(T0.plusSeconds(12), limits.reserveCustomer(ada, T0));
    assertEquals(T0, limits.reserveCustomer(bob, T0));
    assertEquals(T0, limits.reserveCustomer(Recipient.messenger("1", "2"), T0), "Messenger has no pair limit");
  }

  @Test
  void anUpgradedWhatsAppNumberGoesAtItsOwnRate() {
    SendRateLimits limits = new SendRateLimits(RateLimits.builder().whatsAppNumberPerSecond("999", 1000).build());
    Instant last = T0;
    for (int i = 0; i < 1000; i++) {
      last = limits.reserveSender(Recipient.whatsApp("999", "1555000" + i), false, T0);
    }
    assertEquals(Duration.ofMillis(900), Duration.between(T0, last), "1,000/s with a burst of 100");
    Instant other = T0;
    for (int i = 0; i < 80; i++) {
      other = limits.reserveSender(Recipient.whatsApp("888", "1555000" + i), false, T0);
    }
    assertEquals(Duration.ofMillis(72 * 12_500 / 1000), Duration.between(T0, other), "default 80/s with a burst of 8");
  }

  @Test
  void messengerAudioAndVideoHaveTheirOwnTenPerSecond() {
    SendRateLimits limits = new SendRateLimits(RateLimits.DEFAULT);
    Recipient customer = Recipient.messenger("1000000001", "24680");
    Instant lastVideo = T0;
    for (int i = 0; i < 21; i++) {
      lastVideo = limits.reserveSender(customer, true, T0);
    }
    assertEquals(T0.plusSeconds(2), lastVideo);
    assertEquals(T0, limits.reserveSender(customer, false, T0), "text is not held behind video");
  }
}
