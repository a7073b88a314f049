package dev.parley.core.conversation;

import java.util.List;

/**
 * One page of a customer's history, oldest message first. To read further back, ask for the
 * messages before {@link #olderCursor()}. Values, thread-safe.
 *
 * @param messages the messages of this page, oldest first
 * @param hasOlder true when older messages exist before this page
 */
public record MessagePage(List<StoredMessage> messages, boolean hasOlder) {

  public MessagePage {
    messages = List.copyOf(messages);
  }

  /** The cursor for the previous (older) page: the id of this page's oldest message. */
  public long olderCursor() {
    return messages.isEmpty() ? 0 : messages.get(0).id();
  }
}
