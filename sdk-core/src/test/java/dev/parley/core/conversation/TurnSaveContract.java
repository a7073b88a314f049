package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.webhook.InboundJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ConversationStore#saveTurn}: what a bot turn writes once its handlers ran,
 * all of it or (over a stale state) nothing, its replies reaching the history and the outbox in the
 * order the turn made them.
 */
abstract class TurnSaveContract extends StateTimersJournalContract {

  @Test
  void aSavedTurnWritesItsStateItsRepliesInOrderLinkedToTheOutboxAndMarksItsEventHandled() {
    savesRepliesInOrder(3);
  }

  @Test
  void aTurnWithMoreRepliesThanOneStatementTakesKeepsTheirOrderToo() {
    savesRepliesInOrder(JdbcTurnOnPostgres.MAX_FOLDED + 2);
  }

  private void savesRepliesInOrder(int count) {
    store.record("mid:m_ask", ADA_MESSENGER, minutesAgo(1), "{}");
    List<QueuedReply> replies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      replies.add(reply(ADA_MESSENGER, "reply " + i, "bot:mid:m_ask:" + i, clock.instant().plusMillis(i)));
    }

    ConversationState saved = store.saveTurn(ADA_MESSENGER, 0, "{\"step\":2}", replies, "mid:m_ask").orElseThrow();

    assertEquals(new ConversationState(1, "{\"step\":2}"), saved);
    assertEquals(saved, store.state(ADA_MESSENGER));
    assertTrue(store.isHandled("mid:m_ask"));
    List<String> expected = replies.stream().map(r -> r.message().summary()).toList();
    MessagePage history = store.history(store.customer(ADA_MESSENGER).id(), Long.MAX_VALUE, 100);
    assertEquals(expected, summaries(history));
    assertTrue(history.messages().stream().allMatch(m -> m.status() == DeliveryStatus.PENDING));
    assertEquals(Timestamps.micros(replies.get(count - 1).message().at()),
        store.conversation(ADA_MESSENGER).lastMessageAt(), "the conversation's last message is the last reply");
    // The recipient's queue hands the entries out one at a time in the replies' order, each delivery
    // marking its own history message sent.
    for (int i = 0; i < count; i++) {
      List<OutboxEntry> head = store.outbox().claim(clock.instant().plusSeconds(1), LEASE, 10);
      assertEquals(List.of("bot:mid:m_ask:" + i), head.stream().map(OutboxEntry::dedupKey).toList());
      assertEquals(replies.get(i).message().json(), head.get(0).payload());
      assertTrue(store.outbox().markDelivered(head.get(0).id(), head.get(0).claimToken(), "m_out_" + i,
          clock.instant()));
      StoredMessage sent = store.findMessage("m_out_" + i).orElseThrow();
      assertEquals("reply " + i, sent.summary());
      assertEquals(DeliveryStatus.SENT, sent.status());
    }
  }

  @Test
  void aTurnSavedOverAStaleStateWritesNothing() {
    store.record("mid:m_ask", ADA_MESSENGER, minutesAgo(1), "{}");
    ConversationState other = store.compareAndSetState(ADA_MESSENGER, 0, "{\"by\":\"another turn\"}").orElseThrow();
    Instant before = store.conversation(ADA_MESSENGER).lastMessageAt();

    Optional<ConversationState> saved = store.saveTurn(ADA_MESSENGER, 0, "{\"step\":2}",
        List.of(reply(ADA_MESSENGER, "too late", "bot:mid:m_ask:0", clock.instant())), "mid:m_ask");

    assertEquals(Optional.empty(), saved);
    assertEquals(other, store.state(ADA_MESSENGER));
    assertTrue(store.history(store.customer(ADA_MESSENGER).id(), Long.MAX_VALUE, 10).messages().isEmpty());
    assertEquals(new OutboxCounts(0, 0, 0, 0), store.outbox().counts());
    assertFalse(store.isHandled("mid:m_ask"), "the turn runs again, so its event is not handled yet");
    assertEquals(before, store.conversation(ADA_MESSENGER).lastMessageAt());
  }

  @Test
  void aTurnWithoutRepliesOrEventSavesItsStateAlone() {
    store.record("mid:m_other", ADA_MESSENGER, minutesAgo(1), "{}");

    assertEquals(1, store.saveTurn(ADA_MESSENGER, 0, "{\"reminded\":true}", List.of(), null).orElseThrow().version());
    assertEquals(2, store.saveTurn(ADA_MESSENGER, 1, "{}", List.of(), "mid:m_other").orElseThrow().version());

    assertTrue(store.isHandled("mid:m_other"));
    assertTrue(store.history(store.customer(ADA_MESSENGER).id(), Long.MAX_VALUE, 10).messages().isEmpty());
    assertEquals(new OutboxCounts(0, 0, 0, 0), store.outbox().counts());
    assertEquals(null, store.conversation(ADA_MESSENGER).lastMessageAt());
  }

  @Test
  void aReplyWhoseKeyIsEnqueuedAlreadyIsNotEnqueuedTwice() {
    OutboxEntry earlier = store.outbox().enqueue(ADA_MESSENGER, "{\"earlier\":true}", "bot:mid:m_ask:0",
        clock.instant());
    clock.advance(Duration.ofSeconds(5));

    store.saveTurn(ADA_MESSENGER, 0, "{}", List.of(reply(ADA_MESSENGER, "again", "bot:mid:m_ask:0", clock.instant()),
        reply(ADA_MESSENGER, "new", "bot:mid:m_ask:1", clock.instant())), null).orElseThrow();

    assertEquals(earlier, store.outbox().findByDedupKey("bot:mid:m_ask:0").orElseThrow());
    assertEquals(new OutboxCounts(2, 0, 0, 0), store.outbox().counts());
  }

  @Test
  void aTurnReadInsideItsHoldShowsWhatItSaved() {
    Instant at = clock.instant().plusSeconds(1);
    store.withConversation(ADA_MESSENGER, conversation -> {
      store.saveTurn(ADA_MESSENGER, 0, "{\"step\":1}", List.of(reply(ADA_MESSENGER, "hi", "bot:t:0", at)), null)
          .orElseThrow();
      assertEquals(new ConversationState(1, "{\"step\":1}"), store.state(ADA_MESSENGER));
      assertEquals(Timestamps.micros(at), store.conversation(ADA_MESSENGER).lastMessageAt());
      assertTrue(store.saveTurn(ADA_MESSENGER, 0, "{}", List.of(), null).isEmpty(), "the hold knows the new version");
      return null;
    });
    assertEquals(1, store.state(ADA_MESSENGER).version());
  }

  @Test
  void aReplyToAnotherConversationIsRefusedBeforeAnythingIsWritten() {
    List<QueuedReply> replies = List.of(reply(ADA_MESSENGER, "hi Ada", "bot:t:0", clock.instant()),
        reply(BOB, "hi Bob", "bot:t:1", clock.instant()));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> store.saveTurn(ADA_MESSENGER, 0, "{}", replies, null));

    assertEquals("replies[1] is to " + BOB.key() + ", not to the turn's conversation " + ADA_MESSENGER.key(),
        refused.getMessage());
    assertEquals(ConversationState.NONE, store.state(ADA_MESSENGER));
    assertEquals(new OutboxCounts(0, 0, 0, 0), store.outbox().counts());
  }

  @Test
  void aQueuedReplyNamesWhatIsWrongWithIt() {
    NewMessage fromCustomer = NewMessage.inbound(ADA_MESSENGER, "hi", "{}", null, clock.instant());
    assertThrows(IllegalArgumentException.class, () -> new QueuedReply(fromCustomer, "k"));
    NewMessage sent = NewMessage.outbound(ADA_MESSENGER, Author.bot(), "hi", "{}", "m_1", clock.instant());
    assertEquals("a queued reply has no platformMessageId until it is delivered, got 'm_1'",
        assertThrows(IllegalArgumentException.class, () -> new QueuedReply(sent, "k")).getMessage());
    NewMessage noJson = NewMessage.outbound(ADA_MESSENGER, Author.bot(), "hi", null, null, clock.instant());
    assertEquals("outbox payload must not be empty",
        assertThrows(IllegalArgumentException.class, () -> new QueuedReply(noJson, "k")).getMessage());
    NewMessage fine = NewMessage.outbound(ADA_MESSENGER, Author.bot(), "hi", "{}", null, clock.instant());
    assertEquals("outbox dedupKey must be 1 to 300 characters, got 301 characters",
        assertThrows(IllegalArgumentException.class, () -> new QueuedReply(fine, "k".repeat(301))).getMessage());
  }

  @Test
  void aHoldWithAnEventTellsWhereTheEventStandsAsTheJournalDoes() {
    store.record("mid:s1", ADA_MESSENGER, minutesAgo(3), "{\"n\":1}");
    store.record("mid:s2", ADA_MESSENGER, minutesAgo(2), "{}");
    store.record("mid:s3", ADA_MESSENGER, minutesAgo(1), "{}");
    store.compareAndSetState(ADA_MESSENGER, 0, "{\"step\":1}").orElseThrow();
    InboundJournal.Entry third = new InboundJournal.Entry("mid:s3", ADA_MESSENGER, minutesAgo(1), "{}");

    assertEquals(new InboundJournal.Standing(false,
        new InboundJournal.Entry("mid:s1", ADA_MESSENGER, minutesAgo(3), "{\"n\":1}")), standingInHold(third));
    store.markHandled("mid:s1");
    store.markHandled("mid:s2");
    assertEquals(new InboundJournal.Standing(false, null), standingInHold(third));
    store.markHandled("mid:s3");
    assertEquals(new InboundJournal.Standing(true, null), standingInHold(third));
    // The hold is a hold: its conversation, with the state the turn reads next.
    assertEquals(new ConversationState(1, "{\"step\":1}"), store.withConversation(ADA_MESSENGER, third,
        (conversation, standing) -> {
          assertEquals(ADA_MESSENGER, conversation.recipient());
          return store.state(ADA_MESSENGER);
        }));
  }

  @Test
  void aHoldWithAnEventOfAConversationNotYetStartedStartsItAndReadsTheJournal() {
    Recipient carol = Recipient.messenger("1001", "psid-carol");
    store.record("mid:c1", carol, minutesAgo(2), "{}");
    InboundJournal.Entry second = new InboundJournal.Entry("mid:c2", carol, minutesAgo(1), "{}");

    InboundJournal.Standing standing = store.withConversation(carol, second, (conversation, read) -> {
      assertEquals(carol, conversation.recipient());
      return read;
    });

    assertEquals("mid:c1", standing.firstUnhandledBefore().eventKey());
    assertTrue(store.findConversation(carol).isPresent());
  }

  @Test
  void aHoldThatWaitedForTheConversationSeesTheEventsTheHolderBeforeItRecorded() throws Exception {
    InboundJournal.Entry later = new InboundJournal.Entry("mid:later", ADA_MESSENGER, minutesAgo(1), "{}");
    store.record("mid:later", ADA_MESSENGER, minutesAgo(1), "{}");
    store.conversation(ADA_MESSENGER); // started: the waiter waits for its row's lock
    AtomicReference<Thread> waiter = new AtomicReference<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<InboundJournal.Standing> waited = store.withConversation(ADA_MESSENGER, conversation -> {
        Future<InboundJournal.Standing> waiting = pool.submit(() -> {
          waiter.set(Thread.currentThread());
          return store.withConversation(ADA_MESSENGER, later, (held, standing) -> standing);
        });
        awaitWaitingForTheHold(waiter);
        // Recorded in the hold (another node's turn, say, recording what it found): visible once it ends.
        store.record("mid:earlier", ADA_MESSENGER, minutesAgo(2), "{}");
        return waiting;
      });

      assertEquals(new InboundJournal.Entry("mid:earlier", ADA_MESSENGER, minutesAgo(2), "{}"),
          waited.get(10, TimeUnit.SECONDS).firstUnhandledBefore(), "read once the hold before it had ended");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aHoldWithAnEventOfAnotherConversationIsRefusedNamingBoth() {
    InboundJournal.Entry bobs = new InboundJournal.Entry("mid:b1", BOB, minutesAgo(1), "{}");

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> store.withConversation(ADA_MESSENGER, bobs, (conversation, standing) -> standing));

    assertEquals("the event read with the hold on " + ADA_MESSENGER.key() + " must be from that conversation,"
        + " got event mid:b1 from " + BOB.key(), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.withConversation(ADA_MESSENGER,
        new InboundJournal.Entry("mid:a1", ADA_MESSENGER, null, "{}"), (conversation, standing) -> standing));
    assertTrue(store.findConversation(ADA_MESSENGER).isEmpty(), "nothing was held, so nothing was started");
  }

  @Test
  void aHoldWithAnEventWhoseWorkFailsRollsBackOnJdbcAndLeavesNothingHeld() {
    InboundJournal.Entry event = new InboundJournal.Entry("mid:f1", ADA_MESSENGER, minutesAgo(1), "{}");
    store.record("mid:f1", ADA_MESSENGER, minutesAgo(1), "{}");
    store.compareAndSetState(ADA_MESSENGER, 0, "{}").orElseThrow();

    assertThrows(IllegalStateException.class, () -> store.withConversation(ADA_MESSENGER, event, (c, standing) -> {
      store.compareAndSetState(ADA_MESSENGER, 1, "{\"half\":true}").orElseThrow();
      throw new IllegalStateException("the turn failed");
    }));

    if (store instanceof JdbcConversationStore) {
      assertEquals(new ConversationState(1, "{}"), store.state(ADA_MESSENGER), "rolled back");
    }
    ConversationState stored = store.state(ADA_MESSENGER);
    assertEquals(stored, store.withConversation(ADA_MESSENGER, event,
        (conversation, standing) -> store.state(ADA_MESSENGER)), "the next hold reads the row, not a leftover");
  }

  private InboundJournal.Standing standingInHold(InboundJournal.Entry event) {
    return store.withConversation(event.from(), event, (conversation, standing) -> standing);
  }

  static QueuedReply reply(Recipient to, String text, String dedupKey, Instant at) {
    return new QueuedReply(NewMessage.outbound(to, Author.bot(), text, "{\"text\":\"" + text + "\"}", null, at),
        dedupKey);
  }
}
