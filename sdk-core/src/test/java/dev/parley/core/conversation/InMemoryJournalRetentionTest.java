package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory journal forgets handled events after its retention or beyond its count, never unhandled ones. */
class InMemoryJournalRetentionTest {
  private static final Recipient ADA = Recipient.messenger("1001", "psid-ada");

  private final TestClock clock = new TestClock();

  @Test
  void aRedeliveryWithinTheRetentionIsADuplicateAndAfterItIsNew() {
    InMemoryConversationStore store = InMemoryConversationStore.builder()
        .clock(clock).handledEventRetention(Duration.ofHours(36)).build();
    assertTrue(store.record("mid:m_1", ADA, clock.instant(), "{}"));
    store.markHandled("mid:m_1");

    clock.advance(Duration.ofHours(36).minusSeconds(1));
    assertFalse(store.record("mid:m_1", ADA, clock.instant(), "{}"), "redelivered within the retention");
    assertTrue(store.isHandled("mid:m_1"));

    clock.advance(Duration.ofSeconds(2));
    assertFalse(store.isHandled("mid:m_1"), "forgotten once handled longer than the retention ago");
    assertTrue(store.record("mid:m_1", ADA, clock.instant(), "{}"));
  }

  @Test
  void theRetentionCountsFromWhenTheEventWasHandledNotRecorded() {
    InMemoryConversationStore store = InMemoryConversationStore.builder()
        .clock(clock).handledEventRetention(Duration.ofHours(1)).build();
    store.record("mid:slow", ADA, clock.instant(), "{}");
    clock.advance(Duration.ofHours(5));
    store.markHandled("mid:slow");
    clock.advance(Duration.ofMinutes(59));

    assertFalse(store.record("mid:slow", ADA, clock.instant(), "{}"));
  }

  @Test
  void overAMillionEventsItRemembersAtMostTheCountTheLatestHandled() {
    int max = 10_000;
    InMemoryConversationStore store = InMemoryConversationStore.builder().clock(clock).maxHandledEvents(max).build();
    int events = 1_000_000;
    for (int i = 0; i < events; i++) {
      String key = "mid:" + i;
      assertTrue(store.record(key, ADA, clock.instant(), "{\"text\":\"where is my order\"}"));
      store.markHandled(key);
      assertTrue(store.handledEventsRemembered() <= max);
    }

    assertEquals(max, store.handledEventsRemembered());
    assertEquals(0, store.unhandled(10).size());
    assertFalse(store.record("mid:" + (events - 1), ADA, clock.instant(), "{}"), "the latest handled is remembered");
    assertFalse(store.record("mid:" + (events - max), ADA, clock.instant(), "{}"), "the oldest of those kept");
    assertTrue(store.record("mid:" + (events - max - 1), ADA, clock.instant(), "{}"), "one more is forgotten");
  }

  @Test
  void unhandledEventsAreKeptWhateverTheirAgeAndTheCount() {
    InMemoryConversationStore store = InMemoryConversationStore.builder()
        .clock(clock).handledEventRetention(Duration.ofMinutes(1)).maxHandledEvents(5).build();
    store.record("mid:waiting", ADA, clock.instant(), "{\"n\":1}");
    for (int i = 0; i < 100; i++) {
      store.record("mid:" + i, ADA, clock.instant(), "{}");
      store.markHandled("mid:" + i);
    }
    clock.advance(Duration.ofDays(30));

    assertFalse(store.record("mid:waiting", ADA, clock.instant(), "{}"));
    assertEquals("mid:waiting", store.unhandled(10).get(0).eventKey());
    assertEquals(0, store.handledEventsRemembered());
  }

  @Test
  void anErasedCustomersHandledEventsAreForgotten() {
    InMemoryConversationStore store = InMemoryConversationStore.builder().clock(clock).build();
    store.record("read:psid-ada:1", ADA, clock.instant(), "{}");
    store.markHandled("read:psid-ada:1");

    store.eraseCustomer(store.customer(ADA).id());

    assertFalse(store.isHandled("read:psid-ada:1"));
    assertEquals(0, store.handledEventsRemembered());
  }

  @Test
  void badRetentionSettingsAreRefusedNamingTheValueAndTheLimit() {
    InMemoryConversationStore.Builder builder = InMemoryConversationStore.builder();

    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> builder.handledEventRetention(Duration.ZERO));
    assertEquals("handledEventRetention is PT0S; it must be positive and at most PT87600H", zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.handledEventRetention(Duration.ofDays(-1)));
    assertThrows(IllegalArgumentException.class, () -> builder.handledEventRetention(Duration.ofDays(3651)));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> builder.maxHandledEvents(0));
    assertEquals("maxHandledEvents is 0; it must be 1 to 100000000", none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.maxHandledEvents(100_000_001));
  }
}
