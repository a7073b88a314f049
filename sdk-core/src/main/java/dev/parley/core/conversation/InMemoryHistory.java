package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The message history of an {@link InMemoryConversationStore}: messages by id, and by platform id
 * for status webhooks. Not thread-safe: the store calls it under its lock, which also guards the
 * conversation rows an append updates.
 */
final class InMemoryHistory {
  private final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
  private final Map<String, Long> byPlatformId = new HashMap<>();
  private long nextId = 1;

  /** The message with {@code platformMessageId}; null if none or the id is null. */
  StoredMessage withPlatformId(String platformMessageId) {
    if (platformMessageId == null) {
      return null;
    }
    Long id = byPlatformId.get(platformMessageId);
    return id == null ? null : messages.get(id);
  }

  /** Stores {@code message} of the customer {@code customerId} under the next id, its time cut to microseconds. */
  StoredMessage add(NewMessage message, String customerId) {
    Instant at = Timestamps.micros(message.at());
    StoredMessage stored = new StoredMessage(nextId++, customerId, message.conversation(), message.author(),
        message.summary(), message.json(), message.platformMessageId(), message.initialStatus(), null, at, at);
    messages.put(stored.id(), stored);
    if (stored.platformMessageId() != null) {
      byPlatformId.put(stored.platformMessageId(), stored.id());
    }
    return stored;
  }

  /** Up to {@code limit} of the customer's messages older than {@code beforeId}, oldest first. */
  MessagePage page(String customerId, long beforeId, int limit) {
    List<StoredMessage> page = new ArrayList<>();
    boolean hasOlder = false;
    for (StoredMessage m : messages.headMap(beforeId, false).descendingMap().values()) {
      if (!m.customerId().equals(customerId)) {
        continue;
      }
      if (page.size() == limit) {
        hasOlder = true;
        break;
      }
      page.add(m);
    }
    page.sort(Comparator.comparingLong(StoredMessage::id));
    return new MessagePage(page, hasOlder);
  }

  /** See {@link ConversationStore#markSent}. */
  boolean markSent(long messageId, String platformMessageId, Instant at) {
    StoredMessage m = messages.get(messageId);
    if (m == null || m.status() != DeliveryStatus.PENDING || byPlatformId.containsKey(platformMessageId)) {
      return false;
    }
    messages.put(messageId, new StoredMessage(m.id(), m.customerId(), m.conversation(), m.author(), m.summary(),
        m.json(), platformMessageId, DeliveryStatus.SENT, null, m.at(), Timestamps.micros(at)));
    byPlatformId.put(platformMessageId, messageId);
    return true;
  }

  /** See {@link ConversationStore#updateDeliveryStatus}. */
  boolean updateStatus(String platformMessageId, DeliveryStatus status, Instant at, String failureReason) {
    Long id = byPlatformId.get(platformMessageId);
    return id != null && moveStatus(messages.get(id), status, at, failureReason);
  }

  /** See {@link ConversationStore#updateDeliveryStatusUpTo}. */
  int updateStatusUpTo(Recipient recipient, DeliveryStatus status, Instant watermark) {
    int changed = 0;
    for (StoredMessage m : new ArrayList<>(messages.values())) {
      if (m.conversation().equals(recipient) && !m.at().isAfter(watermark) && moveStatus(m, status, watermark, null)) {
        changed++;
      }
    }
    return changed;
  }

  private boolean moveStatus(StoredMessage m, DeliveryStatus status, Instant at, String failureReason) {
    if (m.inbound() || m.status().rank() >= status.rank()) {
      return false;
    }
    String reason = status == DeliveryStatus.FAILED ? StoreArguments.cutReason(failureReason) : null;
    messages.put(m.id(), new StoredMessage(m.id(), m.customerId(), m.conversation(), m.author(), m.summary(),
        m.json(), m.platformMessageId(), status, reason, m.at(), Timestamps.micros(at)));
    return true;
  }

  /** Gives the messages of customer {@code from} to customer {@code to} (their identities were linked). */
  void moveCustomer(String from, String to) {
    messages.replaceAll((id, m) -> m.customerId().equals(from) ? new StoredMessage(m.id(), to, m.conversation(),
        m.author(), m.summary(), m.json(), m.platformMessageId(), m.status(), m.failureReason(), m.at(),
        m.statusAt()) : m);
  }

  /** Forgets every message of the customer. */
  void erase(String customerId) {
    messages.values().removeIf(m -> {
      boolean theirs = m.customerId().equals(customerId);
      if (theirs && m.platformMessageId() != null) {
        byPlatformId.remove(m.platformMessageId());
      }
      return theirs;
    });
  }
}
