package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.webhook.InboundJournal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Argument checks, limits and orders shared by every store, so they all behave alike. */
final class StoreArguments {
  static final String NEW_CONVERSATION = "new conversation";
  static final int MAX_PAGE = 1000;
  static final int MAX_EVENT_KEY = 400;
  static final int MAX_REASON = 1000;

  static final Comparator<Conversation> MOST_RECENTLY_ACTIVE = Comparator
      .comparing((Conversation c) -> c.lastMessageAt() != null ? c.lastMessageAt() : c.startedAt())
      .reversed()
      .thenComparing(c -> c.recipient().key());

  static final Comparator<ConversationTimer> TIMER_ORDER =
      Comparator.comparing(ConversationTimer::dueAt).thenComparing(ConversationTimer::key);

  static final Comparator<InboundJournal.Entry> JOURNAL_ORDER =
      Comparator.comparing(InboundJournal.Entry::occurredAt).thenComparing(InboundJournal.Entry::eventKey);

  private StoreArguments() {}

  static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", got " + limit);
    }
  }

  static void checkLease(java.time.Duration lease) {
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("timer claim lease must be positive, got " + lease);
    }
  }

  static void checkEventKey(String eventKey) {
    if (eventKey == null || eventKey.isBlank() || eventKey.length() > MAX_EVENT_KEY) {
      throw new IllegalArgumentException("event key must be 1 to " + MAX_EVENT_KEY + " characters, got "
          + (eventKey == null ? "null" : eventKey.length() + " characters"));
    }
  }

  /** The event a conversation's earlier unhandled events are asked for: it needs a sender and a time. */
  static void checkUnhandledBefore(InboundJournal.Entry event) {
    if (event == null || event.from() == null || event.occurredAt() == null || event.eventKey() == null) {
      throw new IllegalArgumentException("the event to list earlier unhandled events for needs a key, a sender and"
          + " an occurrence time, got " + (event == null ? "null" : "key " + event.eventKey() + ", sender "
          + (event.from() == null ? "null" : event.from().key()) + ", occurred at " + event.occurredAt()));
    }
  }

  /** The event whose standing a hold on {@code conversation} reads: one of its own, with a key and a time. */
  static void checkHeldEvent(Recipient conversation, InboundJournal.Entry event) {
    Objects.requireNonNull(conversation, "conversation");
    checkUnhandledBefore(event);
    if (!event.from().equals(conversation)) {
      throw new IllegalArgumentException("the event read with the hold on " + conversation.key()
          + " must be from that conversation, got event " + event.eventKey() + " from " + event.from().key());
    }
  }

  static void checkPlatformId(String platformMessageId) {
    if (platformMessageId == null || platformMessageId.isBlank() || platformMessageId.length() > 300) {
      throw new IllegalArgumentException("platformMessageId must be 1 to 300 characters, got "
          + (platformMessageId == null ? "null" : "'" + platformMessageId + "'"));
    }
  }

  static void checkOutboundStatus(DeliveryStatus status) {
    if (status == null || status == DeliveryStatus.PENDING || status == DeliveryStatus.RECEIVED) {
      throw new IllegalArgumentException("a delivery update moves a message to SENT, DELIVERED, READ or FAILED, got "
          + status);
    }
  }

  static void checkState(long expectedVersion, String data) {
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expected state version must be >= 0, got " + expectedVersion);
    }
    if (data == null) {
      throw new IllegalArgumentException("state data must not be null; write an empty object instead");
    }
  }

  /** The arguments of {@code saveTurn}: a valid state, and replies all to {@code conversation}. */
  static void checkTurn(Recipient conversation, long expectedVersion, String data, List<QueuedReply> replies) {
    Objects.requireNonNull(conversation, "conversation");
    checkState(expectedVersion, data);
    Objects.requireNonNull(replies, "replies");
    for (int i = 0; i < replies.size(); i++) {
      QueuedReply reply = Objects.requireNonNull(replies.get(i), "replies[" + i + "]");
      if (!reply.message().conversation().equals(conversation)) {
        throw new IllegalArgumentException("replies[" + i + "] is to " + reply.message().conversation().key()
            + ", not to the turn's conversation " + conversation.key());
      }
    }
  }

  static String cutReason(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
  }
}
