package dev.parley.core.webhook;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.List;

/**
 * The durable record of inbound webhook events that turns Meta's at-least-once delivery into
 * effectively-once handling. The webhook handler answers 200 only after {@link #record} returned;
 * the work then runs off the request thread and ends with {@link #markHandled}; events recorded
 * but never handled (a crash in between) come back from {@link #unhandled} at the next start.
 *
 * <p>Implemented by every conversation store. Thread-safe; {@link #record} is atomic across threads
 * and, on a shared database, across nodes.
 */
public interface InboundJournal {

  /**
   * Records an event under its deduplication key ({@link InboundEvent#dedupKey()}: {@code mid:<mid>},
   * {@code wamid:<wamid>}, {@code status:<wamid>:<status>}, {@code delivery:<psid>:<watermark>},
   * {@code read:<psid>:<watermark>}, {@code raw:<hash>}, ...; at most 255 characters).
   * Insert-if-absent in one atomic step: two concurrent calls with one key return true once.
   *
   * @param from the customer; for an account-level event about no customer, the business itself
   *     ({@code userId} equal to {@code businessId}), never null
   * @param rawJson {@link InboundEvent#rawJson()}, which {@link InboundEvent#fromJournal} parses back
   * @return true if the key was new and the event is now durably recorded; false for a redelivery
   */
  boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson);

  /** Marks a recorded event as handled; handling it again is then never needed. */
  void markHandled(String eventKey);

  /**
   * Whether the event was recorded and marked handled: what the bot runtime asks, under the
   * conversation's lock, before running an event that another node's turn may have run already.
   */
  boolean isHandled(String eventKey);

  /**
   * Events recorded but not yet handled, oldest first (by occurrence time, then key), at most {@code
   * limit}; stores accept a limit of 1 to 1,000.
   */
  List<Entry> unhandled(int limit);

  /**
   * The next page after {@code after}: events recorded but not yet handled that come after it in the
   * order of {@link #unhandled}, at most {@code limit}. Lets a caller page through more events than one
   * call returns while the earlier pages are still being handled.
   */
  List<Entry> unhandledAfter(Entry after, int limit);

  /**
   * What a conversation still owes before {@code event}: the events from {@code event}'s sender
   * recorded but not yet handled that happened before it, oldest first, at most {@code limit} (1 to
   * 1,000). Lets whoever handles events one conversation at a time (the bot runtime, under the
   * conversation's lock) handle them in the order they happened, whichever node recorded them.
   *
   * <p>The order is by occurrence time, then, for events of the same instant, by the order they were
   * recorded in: Meta's timestamps are when the customer sent them (milliseconds on Messenger, seconds
   * on WhatsApp), which the order of delivery does not always follow. {@code event} itself is never
   * in the result, and need not have been recorded: an event not recorded comes after every recorded
   * event of its instant.
   *
   * @param event the event at hand; its sender and occurrence time must not be null
   */
  List<Entry> unhandledBefore(Entry event, int limit);

  /**
   * What a conversation's turn asks before running {@code event}, in one read where the store can:
   * whether the event was handled ({@link #isHandled}) and the oldest of what the conversation still
   * owes before it ({@link #unhandledBefore} with a limit of 1). This default asks the two.
   *
   * @param event the event at hand; its sender and occurrence time must not be null
   */
  default Standing standing(Entry event) {
    List<Entry> earlier = unhandledBefore(event, 1);
    return new Standing(isHandled(event.eventKey()), earlier.isEmpty() ? null : earlier.get(0));
  }

  /**
   * Where an event stands in its conversation's journal.
   *
   * @param handled the event was recorded and marked handled
   * @param firstUnhandledBefore the sender's oldest unhandled event before it, or null if none
   */
  record Standing(boolean handled, Entry firstUnhandledBefore) {}

  /** One recorded event: its key, its sender, when it happened and the JSON it was recorded with. */
  record Entry(String eventKey, Recipient from, Instant occurredAt, String rawJson) {}
}
