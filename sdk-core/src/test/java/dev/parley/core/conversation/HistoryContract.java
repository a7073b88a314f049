package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract on the messaging window, message history and delivery status. */
abstract class HistoryContract extends CustomerContract {

  @Test
  void theLastInboundTimeNeverMovesBackwards() {
    store.recordInbound(ADA_MESSENGER, minutesAgo(5));
    store.recordInbound(ADA_MESSENGER, minutesAgo(30));

    assertEquals(Optional.of(minutesAgo(5)), store.lastInbound(ADA_MESSENGER));
    assertEquals(minutesAgo(5), store.conversation(ADA_MESSENGER).lastInboundAt());
  }

  @Test
  void theWindowIsPerIdentityAndAskingCreatesNothing() {
    assertEquals(Optional.empty(), store.lastInbound(ADA_MESSENGER));
    assertTrue(store.findConversation(ADA_MESSENGER).isEmpty());

    store.link(ADA_MESSENGER, ADA_WHATSAPP);
    store.recordInbound(ADA_WHATSAPP, minutesAgo(1));

    assertEquals(Optional.of(minutesAgo(1)), store.lastInbound(ADA_WHATSAPP));
    assertEquals(Optional.empty(), store.lastInbound(ADA_MESSENGER), "Messenger's window is its own");
  }

  @Test
  void anInboundMessageOpensTheWindowAndAnOutboundOneDoesNot() {
    botSays(ADA_MESSENGER, "your order shipped", "m_out", minutesAgo(1));
    assertEquals(Optional.empty(), store.lastInbound(ADA_MESSENGER));

    customerSays(ADA_MESSENGER, "thanks!", "m_in", minutesAgo(2));

    assertEquals(Optional.of(minutesAgo(2)), store.lastInbound(ADA_MESSENGER));
    assertEquals(minutesAgo(1), store.conversation(ADA_MESSENGER).lastMessageAt());
  }

  @Test
  void aStoredMessageKeepsItsAuthorSummaryJsonAndStatus() {
    StoredMessage in = customerSays(ADA_WHATSAPP, "Où est ma commande ? 📦", "wamid.in", minutesAgo(3));
    StoredMessage agent = store.append(NewMessage.outbound(ADA_WHATSAPP, Author.agent("Jeeves"), "On its way",
        "{\"kind\":\"text\",\"text\":\"On its way\"}", null, minutesAgo(1)));

    MessagePage page = store.history(in.customerId(), Long.MAX_VALUE, 10);

    assertEquals(List.of(in, agent), page.messages());
    StoredMessage first = page.messages().get(0);
    assertEquals("Où est ma commande ? 📦", first.summary());
    assertEquals("{\"text\":\"Où est ma commande ? 📦\"}", first.json());
    assertEquals(DeliveryStatus.RECEIVED, first.status());
    assertTrue(first.inbound());
    StoredMessage second = page.messages().get(1);
    assertEquals(Author.agent("Jeeves"), second.author());
    assertEquals(DeliveryStatus.PENDING, second.status());
    assertNull(second.platformMessageId());
    assertEquals(minutesAgo(1), second.at());
  }

  @Test
  void historyPagesGoBackFromTheNewestOldestFirstWithinAPage() {
    String customerId = store.customer(ADA_MESSENGER).id();
    for (int i = 1; i <= 25; i++) {
      customerSays(ADA_MESSENGER, "message " + i, "m_" + i, minutesAgo(100 - i));
    }

    MessagePage newest = store.history(customerId, Long.MAX_VALUE, 10);
    MessagePage middle = store.history(customerId, newest.olderCursor(), 10);
    MessagePage oldest = store.history(customerId, middle.olderCursor(), 10);

    assertEquals(numbered(16, 25), summaries(newest));
    assertEquals(numbered(6, 15), summaries(middle));
    assertEquals(numbered(1, 5), summaries(oldest));
    assertTrue(newest.hasOlder());
    assertTrue(middle.hasOlder());
    assertFalse(oldest.hasOlder());
    assertTrue(store.history(customerId, oldest.olderCursor(), 10).messages().isEmpty());
  }

  private static List<String> numbered(int from, int to) {
    List<String> result = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      result.add("message " + i);
    }
    return result;
  }

  @Test
  void historyHoldsOnlyTheCustomersOwnMessages() {
    customerSays(ADA_MESSENGER, "from Ada", "m_ada", minutesAgo(2));
    customerSays(BOB, "from Bob", "m_bob", minutesAgo(1));

    assertEquals(List.of("from Ada"), summaries(store.history(store.customer(ADA_MESSENGER).id(), Long.MAX_VALUE, 10)));
    assertEquals(List.of("from Bob"), summaries(store.history(store.customer(BOB).id(), Long.MAX_VALUE, 10)));
  }

  @Test
  void aRedeliveredMessageIsStoredOnce() {
    StoredMessage first = customerSays(ADA_MESSENGER, "hello", "m_dup", minutesAgo(1));
    StoredMessage again = customerSays(ADA_MESSENGER, "hello", "m_dup", minutesAgo(1));

    assertEquals(first, again);
    assertEquals(1, store.history(first.customerId(), Long.MAX_VALUE, 10).messages().size());
    assertEquals(Optional.of(first), store.findMessage("m_dup"));
  }

  @Test
  void deliveryStatusOnlyMovesForward() {
    botSays(ADA_WHATSAPP, "receipt", "wamid.out", minutesAgo(5));

    assertTrue(store.updateDeliveryStatus("wamid.out", DeliveryStatus.READ, minutesAgo(1), null));
    assertFalse(store.updateDeliveryStatus("wamid.out", DeliveryStatus.DELIVERED, minutesAgo(2), null),
        "a late 'delivered' after 'read' changes nothing");
    assertFalse(store.updateDeliveryStatus("wamid.out", DeliveryStatus.FAILED, minutesAgo(0), "late failure"));
    assertFalse(store.updateDeliveryStatus("wamid.unknown", DeliveryStatus.READ, minutesAgo(0), null));

    StoredMessage message = store.findMessage("wamid.out").orElseThrow();
    assertEquals(DeliveryStatus.READ, message.status());
    assertEquals(minutesAgo(1), message.statusAt());
  }

  @Test
  void aFailedMessageKeepsTheReason() {
    botSays(ADA_WHATSAPP, "promo", "wamid.fail", minutesAgo(5));

    assertTrue(store.updateDeliveryStatus("wamid.fail", DeliveryStatus.FAILED, minutesAgo(4),
        "131047: Re-engagement message"));

    StoredMessage message = store.findMessage("wamid.fail").orElseThrow();
    assertEquals(DeliveryStatus.FAILED, message.status());
    assertEquals("131047: Re-engagement message", message.failureReason());
  }

  @Test
  void aWatermarkMarksEarlierOutboundMessagesOnly() {
    Instant watermark = minutesAgo(3);
    botSays(ADA_MESSENGER, "one", "m_1", minutesAgo(5));
    botSays(ADA_MESSENGER, "two", "m_2", watermark);
    customerSays(ADA_MESSENGER, "inbound", "m_3", minutesAgo(4));
    botSays(ADA_MESSENGER, "three", "m_4", minutesAgo(1));
    botSays(BOB, "bob's", "m_5", minutesAgo(5));

    assertEquals(2, store.updateDeliveryStatusUpTo(ADA_MESSENGER, DeliveryStatus.DELIVERED, watermark));
    assertEquals(0, store.updateDeliveryStatusUpTo(ADA_MESSENGER, DeliveryStatus.DELIVERED, watermark));

    assertEquals(DeliveryStatus.DELIVERED, store.findMessage("m_1").orElseThrow().status());
    assertEquals(DeliveryStatus.DELIVERED, store.findMessage("m_2").orElseThrow().status());
    assertEquals(DeliveryStatus.RECEIVED, store.findMessage("m_3").orElseThrow().status());
    assertEquals(DeliveryStatus.SENT, store.findMessage("m_4").orElseThrow().status());
    assertEquals(DeliveryStatus.SENT, store.findMessage("m_5").orElseThrow().status());
  }

  @Test
  void aPendingMessageGetsItsPlatformIdWhenSent() {
    StoredMessage pending = store.append(NewMessage.outbound(ADA_MESSENGER, Author.bot(), "hi", null, null,
        minutesAgo(2)));

    assertTrue(store.markSent(pending.id(), "m_sent", minutesAgo(1)));
    assertFalse(store.markSent(pending.id(), "m_other", minutesAgo(1)), "only a pending message is marked sent");

    StoredMessage sent = store.findMessage("m_sent").orElseThrow();
    assertEquals(pending.id(), sent.id());
    assertEquals(DeliveryStatus.SENT, sent.status());
    assertEquals(minutesAgo(1), sent.statusAt());
  }
}
