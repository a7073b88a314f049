package dev.parley.bot.agent;

import java.util.List;

/**
 * A page of a conversation's transcript, oldest first. Values, thread-safe.
 *
 * @param messages the messages
 * @param hasOlder true when older messages exist: ask again with {@code before = olderCursor}
 * @param olderCursor the id of the oldest message of the page, 0 when empty
 */
public record TranscriptPage(List<TranscriptMessage> messages, boolean hasOlder, long olderCursor) {

  public TranscriptPage {
    messages = List.copyOf(messages);
  }
}
