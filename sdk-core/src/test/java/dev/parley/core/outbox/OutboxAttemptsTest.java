package dev.parley.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.AuthenticationException;
import dev.parley.core.ConnectionException;
import dev.parley.core.InvalidRequestException;
import dev.parley.core.OutsideWindowException;
import dev.parley.core.ParleyException;
import dev.parley.core.ParleyException.PlatformError;
import dev.parley.core.PlatformUnavailableException;
import dev.parley.core.RateLimitedException;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.testing.ForwardingOutboxStore;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Which failures the outbox retries, and how long it waits. */
class OutboxAttemptsTest {
  private final OutboxAttempts attempts = new OutboxAttempts(new InMemoryConversationStore().outbox(), settings(),
      new UnrecordedOutcomes(settings()));

  private static OutboxSettings settings() {
    OutboxSettings.Mutable settings = new OutboxSettings.Mutable();
    settings.initialBackoff = Duration.ofSeconds(1);
    settings.maxBackoff = Duration.ofSeconds(60);
    return settings.freeze();
  }

  @Test
  void aFailedAttemptTheStoreCouldNotRecordIsRecordedOnceTheStoreIsBack() {
    TestClock clock = new TestClock();
    OutboxStore memory = new InMemoryConversationStore(clock).outbox();
    boolean[] unreachable = {true};
    OutboxStore store = new ForwardingOutboxStore(memory) {
      @Override
      public boolean retryLater(long id, String claimToken, Instant nextAttemptAt, String error) {
        if (unreachable[0]) {
          throw new IllegalStateException("connection refused");
        }
        return super.retryLater(id, claimToken, nextAttemptAt, error);
      }
    };
    OutboxSettings.Mutable mutable = new OutboxSettings.Mutable();
    mutable.clock = clock;
    OutboxSettings settings = mutable.freeze();
    UnrecordedOutcomes unrecorded = new UnrecordedOutcomes(settings);
    OutboxAttempts withStore = new OutboxAttempts(store, settings, unrecorded);
    memory.enqueue(Recipient.messenger("1001", "psid-1"), "{}", "k1", clock.instant());
    OutboxEntry entry = memory.claim(clock.instant(), Duration.ofMinutes(5), 1).get(0);

    withStore.failed(entry, new ConnectionException("reset"));
    unrecorded.retry();
    assertEquals(State.IN_FLIGHT, memory.find(entry.id()).orElseThrow().state(), "not recorded yet");
    assertEquals(1, unrecorded.size());

    unreachable[0] = false;
    unrecorded.retry();

    OutboxEntry recorded = memory.find(entry.id()).orElseThrow();
    assertEquals(State.PENDING, recorded.state(), "to be tried again after its backoff, not after the lease");
    assertTrue(recorded.lastError().contains("reset"), recorded.lastError());
    assertEquals(0, unrecorded.size());
  }

  @RepeatedTest(5)
  void theBackoffDoublesWithJitterUpToTheMaximum() {
    assertBetween(500, 1000, attempts.delayAfter(1, new ConnectionException("reset")));
    assertBetween(1000, 2000, attempts.delayAfter(2, new ConnectionException("reset")));
    assertBetween(4000, 8000, attempts.delayAfter(4, new ConnectionException("reset")));
    assertBetween(30_000, 60_000, attempts.delayAfter(9, new ConnectionException("reset")));
    assertBetween(30_000, 60_000, attempts.delayAfter(500, new ConnectionException("reset")));
  }

  private static void assertBetween(long minMillis, long maxMillis, Duration delay) {
    assertTrue(delay.toMillis() >= minMillis && delay.toMillis() <= maxMillis,
        delay + " not in " + minMillis + ".." + maxMillis + " ms");
  }

  @Test
  void aRetryAfterLongerThanTheBackoffWins() {
    RateLimitedException limited = new RateLimitedException("429", Duration.ofMinutes(3), PlatformError.NONE, null);
    assertEquals(Duration.ofMinutes(3), attempts.delayAfter(1, limited));
  }

  @Test
  void retryableFailuresAreTheOnesThatMaySucceedLater() {
    assertTrue(OutboxAttempts.retryable(new RateLimitedException("429", Duration.ZERO, PlatformError.NONE, null)));
    assertTrue(OutboxAttempts.retryable(new PlatformUnavailableException("500")));
    assertTrue(OutboxAttempts.retryable(new ConnectionException("timeout")));
    assertTrue(OutboxAttempts.retryable(new ParleyException("odd", new PlatformError(500, 1, null, null, true), null)));
    assertTrue(OutboxAttempts.retryable(new IllegalStateException("bug in a custom delivery")));
    assertFalse(OutboxAttempts.retryable(new InvalidRequestException("bad")));
    assertFalse(OutboxAttempts.retryable(new AuthenticationException("token expired")));
    assertFalse(OutboxAttempts.retryable(new OutsideWindowException("window closed")));
  }

  @Test
  void aReasonCarriesThePlatformsCodeSubcodeAndTrace() {
    ParleyException e = new InvalidRequestException("(#100) Invalid parameter",
        new PlatformError(400, 100, 2018001, "AbC123", false), null);
    assertEquals("InvalidRequestException: (#100) Invalid parameter (code 100, subcode 2018001, trace AbC123)",
        OutboxAttempts.describe(e));
  }
}
