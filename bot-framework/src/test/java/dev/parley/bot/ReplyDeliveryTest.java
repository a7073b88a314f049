package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.DeliveryStatus;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.outbox.OutboxEntry;
import dev.parley.core.outbox.OutboxStore;
import dev.parley.core.testing.ForwardingOutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What happens to a turn's replies after the turn: when they leave, and what the history says of them. */
class ReplyDeliveryTest {
  private static final Recipient ADA = Recipient.messenger("1000000001", "2000000001");

  @Test
  void aReplyLeavesRightAfterItsTurnCommitsNotAtTheOutboxsNextPoll() throws Exception {
    RecordingSender sender = new RecordingSender();
    ConversationStore store = new InMemoryConversationStore();
    ClaimWatch claims = new ClaimWatch(store.outbox());
    try (Outbox outbox = Outbox.builder(claims, sender).pollInterval(Duration.ofMinutes(10)).build();
        Bot bot = Bot.builder().store(store).outbox(outbox).fallback(turn -> turn.reply("Hello " + turn.text())).build()) {
      outbox.start();
      // The worker's first pass has claimed, and found nothing: it is idle, its next poll ten minutes away.
      assertTrue(claims.firstClaimDone.await(30, TimeUnit.SECONDS), "the worker made its first pass");
      assertEquals(List.of(0), claims.claimSizes());

      bot.handle(CustomerEvents.text(ADA, "there", "m_1", Instant.now())).join();

      DurableStoreTest.waitUntil(() -> sender.sent().size() == 1);
      assertEquals(List.of("Hello there"), sender.textsTo(ADA));
    }
  }

  /** An outbox store that tells when the first claim returned and what each claim found. */
  private static final class ClaimWatch extends ForwardingOutboxStore {
    final CountDownLatch firstClaimDone = new CountDownLatch(1);
    private final List<Integer> claimSizes = new CopyOnWriteArrayList<>();

    ClaimWatch(OutboxStore store) {
      super(store);
    }

    List<Integer> claimSizes() {
      return List.copyOf(claimSizes);
    }

    @Override
    public List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
      List<OutboxEntry> claimed = store.claim(now, lease, limit);
      claimSizes.add(claimed.size());
      firstClaimDone.countDown();
      return claimed;
    }
  }

  @Test
  void aDeliveredReplyIsSentInTheHistoryAndFollowsTheStatusWebhooks() {
    RecordingSender sender = new RecordingSender();
    ConversationStore store = new InMemoryConversationStore();
    try (Outbox outbox = Outbox.builder(store.outbox(), sender).build();
        Bot bot = Bot.builder().store(store).outbox(outbox).fallback(turn -> turn.reply("Hello " + turn.text())).build()) {
      bot.handle(CustomerEvents.text(ADA, "there", "m_1", Instant.now())).join();
      assertEquals(DeliveryStatus.PENDING, lastMessage(store).status(), "not sent yet");

      assertEquals(1, outbox.deliverDue());

      StoredMessage reply = lastMessage(store);
      assertEquals("Hello there", reply.summary());
      assertEquals(DeliveryStatus.SENT, reply.status());
      assertEquals("m_sent_1", reply.platformMessageId(), "the id the platform gave the message");
      assertTrue(store.updateDeliveryStatus("m_sent_1", DeliveryStatus.DELIVERED, Instant.now(), null));
      assertEquals(DeliveryStatus.DELIVERED, lastMessage(store).status());
    }
  }

  private static StoredMessage lastMessage(ConversationStore store) {
    List<StoredMessage> messages = store.history(store.conversation(ADA).customerId(), Long.MAX_VALUE, 10).messages();
    return messages.get(messages.size() - 1);
  }
}
