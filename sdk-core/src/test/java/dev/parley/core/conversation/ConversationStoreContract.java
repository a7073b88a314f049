package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.outbox.OutboxCounts;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxEntry.State;
import dev.parley.core.outbox.OutboxStore;
import dev.parley.core.outbox.OutboxStore.Delivered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole conversation store contract: what the parents check, plus erasure and the outbox's
 * storage. Every store implementation has a test class extending this one.
 */
abstract class ConversationStoreContract extends TurnSaveContract {

  OutboxStore outbox() {
    return store.outbox();
  }

  @Test
  void erasingACustomerRemovesTheirPersonalDataEverywhere() {
    Customer ada = store.link(ADA_MESSENGER, ADA_WHATSAPP);
    store.updateProfile(ada.id(), new Profile("Ada Lovelace", "https://cdn.example/a.jpg", "+15550001111",
        "ada@example.org"));
    customerSays(ADA_MESSENGER, "my address is 12 Analytical St", "m_ada", minutesAgo(3));
    botSays(ADA_WHATSAPP, "thanks Ada", "wamid.ada", minutesAgo(2));
    store.compareAndSetState(ADA_WHATSAPP, 0, "{\"address\":\"12 Analytical St\"}");
    store.schedule("remind:ada", ADA_MESSENGER, clock.instant().plusSeconds(60), "{}");
    store.record("mid:m_ada", ADA_MESSENGER, minutesAgo(3), "{\"text\":\"my address...\"}");
    outbox().enqueue(ADA_WHATSAPP, "{\"kind\":\"text\"}", "order-1:shipped", clock.instant());
    customerSays(BOB, "hi", "m_bob", minutesAgo(1));
    store.record("mid:m_bob", BOB, minutesAgo(1), "{}");
    outbox().enqueue(BOB, "{\"kind\":\"text\"}", "order-2:shipped", clock.instant());

    assertTrue(store.eraseCustomer(ada.id()));

    assertTrue(store.findCustomerById(ada.id()).isEmpty());
    assertTrue(store.findCustomer(ADA_MESSENGER).isEmpty());
    assertTrue(store.findConversation(ADA_WHATSAPP).isEmpty());
    assertTrue(store.history(ada.id(), Long.MAX_VALUE, 10).messages().isEmpty());
    assertTrue(store.findMessage("m_ada").isEmpty());
    assertTrue(store.findMessage("wamid.ada").isEmpty());
    assertEquals(Optional.empty(), store.lastInbound(ADA_MESSENGER));
    assertEquals(ConversationState.NONE, store.state(ADA_WHATSAPP));
    assertTrue(store.findTimer("remind:ada").isEmpty());
    assertTrue(outbox().findByDedupKey("order-1:shipped").isEmpty());
    assertEquals(List.of("mid:m_bob"), store.unhandled(10).stream().map(e -> e.eventKey()).toList());
    assertFalse(store.eraseCustomer(ada.id()), "erasing twice finds nothing");

    assertTrue(store.findMessage("m_bob").isPresent(), "other customers keep their data");
    assertTrue(outbox().findByDedupKey("order-2:shipped").isPresent());
    Customer fresh = store.customer(ADA_MESSENGER);
    assertNotEquals(ada.id(), fresh.id());
    assertEquals(Profile.EMPTY, fresh.profile());
  }

  @Test
  void aDeliveredReplyMarksItsHistoryMessageSentSoStatusWebhooksFindIt() {
    StoredMessage reply = botSays(ADA_MESSENGER, "your table is booked", null, clock.instant());
    assertEquals(DeliveryStatus.PENDING, reply.status());
    outbox().enqueue(ADA_MESSENGER, "{\"n\":1}", "turn-1:0", clock.instant(), reply.id());
    outbox().enqueue(ADA_MESSENGER, "{\"n\":1}", "turn-1:0", clock.instant(), 999_999L); // a re-run: no-op
    outbox().enqueue(BOB, "{\"n\":2}", "order-9:paid", clock.instant());
    List<OutboxEntry> claimed = outbox().claim(clock.instant(), LEASE, 10);

    assertTrue(outbox().markDelivered(claimed.get(0).id(), claimed.get(0).claimToken(), "m_reply_1", clock.instant()));
    assertTrue(outbox().markDelivered(claimed.get(1).id(), claimed.get(1).claimToken(), "m_unlinked", clock.instant()));

    StoredMessage sent = store.findMessage("m_reply_1").orElseThrow();
    assertEquals(reply.id(), sent.id());
    assertEquals(DeliveryStatus.SENT, sent.status());
    assertTrue(store.findMessage("m_unlinked").isEmpty(), "an entry enqueued without a message links none");
    assertTrue(store.updateDeliveryStatus("m_reply_1", DeliveryStatus.READ, clock.instant(), null));
    assertEquals(DeliveryStatus.READ, store.findMessage("m_reply_1").orElseThrow().status());
  }

  @Test
  void enqueueingTheSameKeyTwiceReturnsTheFirstEntry() {
    OutboxEntry first = outbox().enqueue(ADA_MESSENGER, "{\"n\":1}", "order-7:paid", clock.instant());
    clock.advance(Duration.ofMinutes(1));
    OutboxEntry second = outbox().enqueue(BOB, "{\"n\":2}", "order-7:paid", clock.instant());

    assertEquals(first, second);
    assertEquals(State.PENDING, first.state());
    assertEquals(0, first.attempts());
    assertEquals(new OutboxCounts(1, 0, 0, 0), outbox().counts());
    assertEquals(Optional.of(first), outbox().find(first.id()));
  }

  @Test
  void aClaimTakesOnlyTheHeadOfEachRecipientsQueue() {
    OutboxEntry ada1 = outbox().enqueue(ADA_MESSENGER, "{}", "a1", clock.instant());
    OutboxEntry ada2 = outbox().enqueue(ADA_MESSENGER, "{}", "a2", clock.instant());
    OutboxEntry bob1 = outbox().enqueue(BOB, "{}", "b1", clock.instant());

    List<OutboxEntry> claimed = outbox().claim(clock.instant(), LEASE, 10);

    assertEquals(List.of(ada1.id(), bob1.id()), claimed.stream().map(OutboxEntry::id).toList());
    assertTrue(claimed.stream().allMatch(e -> e.state() == State.IN_FLIGHT && e.attempts() == 1));
    assertEquals(List.of(), outbox().claim(clock.instant(), LEASE, 10), "Ada's second waits for her first");

    assertTrue(outbox().markDelivered(ada1.id(), claimed.get(0).claimToken(), clock.instant()));

    assertEquals(List.of(ada2.id()), outbox().claim(clock.instant(), LEASE, 10).stream().map(OutboxEntry::id).toList());
    assertEquals(new OutboxCounts(0, 2, 0, 1), outbox().counts());
  }

  @Test
  void aClaimSaysWhetherReadyEntriesWaitBehindEntriesInFlight() {
    OutboxEntry ada1 = outbox().enqueue(ADA_MESSENGER, "{}", "a1", clock.instant());
    OutboxEntry ada2 = outbox().enqueue(ADA_MESSENGER, "{}", "a2", clock.instant());
    OutboxEntry bob1 = outbox().enqueue(BOB, "{}", "b1", clock.instant());

    OutboxStore.Claimed first = outbox().claimBatch(clock.instant(), LEASE, 10);
    assertEquals(List.of(ada1.id(), bob1.id()), first.entries().stream().map(OutboxEntry::id).toList());
    assertTrue(first.heldBack(), "Ada's second waits behind her first, claimed by this very claim");
    OutboxStore.Claimed none = outbox().claimBatch(clock.instant(), LEASE, 10);
    assertEquals(List.of(), none.entries());
    assertTrue(none.heldBack(), "and still waits");

    assertTrue(outbox().markDelivered(ada1.id(), first.entries().get(0).claimToken(), clock.instant()));
    assertTrue(outbox().markDelivered(bob1.id(), first.entries().get(1).claimToken(), clock.instant()));
    OutboxStore.Claimed last = outbox().claimBatch(clock.instant(), LEASE, 10);
    assertEquals(List.of(ada2.id()), last.entries().stream().map(OutboxEntry::id).toList());
    assertFalse(last.heldBack(), "nothing else is pending");

    assertTrue(outbox().retryLater(ada2.id(), last.entries().get(0).claimToken(), clock.instant().plusSeconds(60),
        "platform busy"));
    outbox().enqueue(ADA_MESSENGER, "{}", "a3", clock.instant());
    OutboxStore.Claimed waiting = outbox().claimBatch(clock.instant(), LEASE, 10);
    assertEquals(List.of(), waiting.entries());
    assertFalse(waiting.heldBack(), "Ada's third waits for her second's retry, not for a delivery in flight");
  }

  @Test
  void anExpiredClaimIsTakenAgainAndTheOldClaimCannotFinish() {
    OutboxEntry entry = outbox().enqueue(ADA_MESSENGER, "{}", "k", clock.instant());
    OutboxEntry dead = outbox().claim(clock.instant(), LEASE, 10).get(0);

    clock.advance(LEASE.minusSeconds(1));
    assertEquals(List.of(), outbox().claim(clock.instant(), LEASE, 10), "a live claim is not taken");
    clock.advance(Duration.ofSeconds(2));
    List<OutboxEntry> retaken = outbox().claim(clock.instant(), LEASE, 10);

    assertEquals(1, retaken.size());
    assertEquals(entry.id(), retaken.get(0).id());
    assertEquals(2, retaken.get(0).attempts());
    assertNotEquals(dead.claimToken(), retaken.get(0).claimToken());
    assertFalse(outbox().markDelivered(entry.id(), dead.claimToken(), clock.instant()));
    assertTrue(outbox().markDelivered(entry.id(), retaken.get(0).claimToken(), clock.instant()));
    assertEquals(State.DELIVERED, outbox().find(entry.id()).orElseThrow().state());
  }

  @Test
  void deliveriesMarkedTogetherFinishOnlyLiveClaimsAndLinkTheirHistoryMessages() {
    StoredMessage reply = botSays(ADA_MESSENGER, "your table is booked", null, clock.instant());
    OutboxEntry linked = outbox().enqueue(ADA_MESSENGER, "{\"n\":1}", "turn-1:0", clock.instant(), reply.id());
    OutboxEntry plain = outbox().enqueue(BOB, "{\"n\":2}", "order-9:paid", clock.instant());
    OutboxEntry taken = outbox().enqueue(ADA_WHATSAPP, "{\"n\":3}", "order-10:paid", clock.instant());
    List<OutboxEntry> claimed = outbox().claim(clock.instant(), LEASE, 10);
    assertEquals(List.of(linked.id(), plain.id(), taken.id()), claimed.stream().map(OutboxEntry::id).toList());

    Set<Long> marked = outbox().markDelivered(List.of(
        new Delivered(taken.id(), "a claim taken over", "m_late"),
        new Delivered(plain.id(), claimed.get(1).claimToken(), null),
        new Delivered(linked.id(), claimed.get(0).claimToken(), "m_reply_1")), clock.instant());

    assertEquals(Set.of(linked.id(), plain.id()), marked);
    assertEquals(new OutboxCounts(0, 1, 0, 2), outbox().counts());
    assertEquals(reply.id(), store.findMessage("m_reply_1").orElseThrow().id());
    assertEquals(DeliveryStatus.SENT, store.findMessage("m_reply_1").orElseThrow().status());
    assertTrue(store.findMessage("m_late").isEmpty(), "a lost claim links nothing");
    assertEquals(Set.of(), outbox().markDelivered(List.of(), clock.instant()));
  }

  @Test
  void anExpiredClaimKeepsItsPlaceAheadOfTheRecipientsLaterEntries() {
    OutboxEntry first = outbox().enqueue(ADA_MESSENGER, "{}", "first", clock.instant());
    OutboxEntry second = outbox().enqueue(ADA_MESSENGER, "{}", "second", clock.instant());
    OutboxEntry other = outbox().enqueue(BOB, "{}", "other", clock.instant());
    OutboxEntry dead = outbox().claim(clock.instant(), LEASE, 1).get(0);
    assertEquals(first.id(), dead.id());

    clock.advance(LEASE.plusSeconds(1));
    List<OutboxEntry> retaken = outbox().claim(clock.instant(), LEASE, 10);

    assertEquals(List.of(first.id(), other.id()), retaken.stream().map(OutboxEntry::id).toList(),
        "the released entry is the head of Ada's queue again; her second waits");
    assertTrue(outbox().markDelivered(first.id(), retaken.get(0).claimToken(), clock.instant()));
    assertEquals(List.of(second.id()), outbox().claim(clock.instant(), LEASE, 10).stream().map(OutboxEntry::id)
        .toList());
  }

  @Test
  void aRetryWaitsForItsTimeAndHoldsUpTheRecipientsLaterEntries() {
    OutboxEntry first = outbox().enqueue(ADA_MESSENGER, "{}", "first", clock.instant());
    outbox().enqueue(ADA_MESSENGER, "{}", "second", clock.instant());
    OutboxEntry claimed = outbox().claim(clock.instant(), LEASE, 10).get(0);

    assertTrue(outbox().retryLater(first.id(), claimed.claimToken(), clock.instant().plusSeconds(10), "HTTP 503"));

    OutboxEntry waiting = outbox().find(first.id()).orElseThrow();
    assertEquals(State.PENDING, waiting.state());
    assertEquals("HTTP 503", waiting.lastError());
    assertNull(waiting.claimToken());
    assertEquals(List.of(), outbox().claim(clock.instant(), LEASE, 10));
    clock.advance(Duration.ofSeconds(10));
    List<OutboxEntry> again = outbox().claim(clock.instant(), LEASE, 10);
    assertEquals(List.of(first.id()), again.stream().map(OutboxEntry::id).toList());
    assertEquals(2, again.get(0).attempts());
  }

  @Test
  void aParkedEntryIsListedRetriedByHandAndDoesNotHoldUpOthers() {
    OutboxEntry bad = outbox().enqueue(ADA_MESSENGER, "{}", "bad", clock.instant());
    OutboxEntry next = outbox().enqueue(ADA_MESSENGER, "{}", "next", clock.instant());
    OutboxEntry claimed = outbox().claim(clock.instant(), LEASE, 10).get(0);

    assertTrue(outbox().park(bad.id(), claimed.claimToken(), "(#100) Invalid parameter", clock.instant()));

    List<OutboxEntry> parked = outbox().parked(10);
    assertEquals(List.of(bad.id()), parked.stream().map(OutboxEntry::id).toList());
    assertEquals("(#100) Invalid parameter", parked.get(0).lastError());
    assertEquals(List.of(next.id()), outbox().claim(clock.instant(), LEASE, 10).stream().map(OutboxEntry::id).toList());
    assertEquals(new OutboxCounts(0, 1, 1, 0), outbox().counts());

    assertTrue(outbox().unpark(bad.id(), clock.instant()));
    assertFalse(outbox().unpark(bad.id(), clock.instant()));
    OutboxEntry back = outbox().find(bad.id()).orElseThrow();
    assertEquals(State.PENDING, back.state());
    assertEquals(0, back.attempts());
  }

  @Test
  void purgingDeliveredEntriesForgetsTheirKeys() {
    OutboxEntry old = outbox().enqueue(ADA_MESSENGER, "{}", "old", clock.instant());
    outbox().markDelivered(old.id(), outbox().claim(clock.instant(), LEASE, 1).get(0).claimToken(), clock.instant());
    clock.advance(Duration.ofDays(31));
    outbox().enqueue(BOB, "{}", "recent", clock.instant());

    assertEquals(1, outbox().purgeDelivered(clock.instant().minus(Duration.ofDays(30))));

    assertTrue(outbox().findByDedupKey("old").isEmpty());
    assertTrue(outbox().findByDedupKey("recent").isPresent());
    assertNotEquals(old.id(), outbox().enqueue(ADA_MESSENGER, "{}", "old", clock.instant()).id());
  }

  @Test
  void concurrentClaimersNeverHoldTheSameEntryNorTwoOfOneRecipient() throws Exception {
    for (int i = 0; i < 40; i++) {
      outbox().enqueue(i % 2 == 0 ? ADA_MESSENGER : BOB, "{}", "k" + i, clock.instant());
    }
    List<Long> delivered = Collections.synchronizedList(new ArrayList<>());

    onThreads(4, () -> {
      while (outbox().counts().unfinished() > 0) {
        for (OutboxEntry entry : outbox().claim(clock.instant(), LEASE, 3)) {
          delivered.add(entry.id());
          assertTrue(outbox().markDelivered(entry.id(), entry.claimToken(), clock.instant()));
        }
      }
      return null;
    });

    assertEquals(40, delivered.size());
    assertEquals(40, new HashSet<>(delivered).size());
  }
}
