package dev.parley.core.outbox;

import dev.parley.core.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the outbox keeps its entries: the storage half of {@link Outbox}, implemented by every
 * conversation store ({@code ConversationStore.outbox()}). An SPI; applications use {@link Outbox}.
 *
 * <p>Promises, across threads and, on a shared database, across nodes: an enqueue is durable when it
 * returns and unique per dedup key; {@link #claim} hands an entry to one claimant only, and never an
 * entry while an earlier entry to the same recipient is pending or in flight (per-recipient order);
 * a claim not finished before its lease expires can be claimed again (a dead worker loses nothing);
 * finishing calls carry the claim token and do nothing for a claim that was taken over.
 * Implementations are thread-safe.
 */
public interface OutboxStore {

  /**
   * Enqueues a message, or returns the entry already enqueued under {@code dedupKey} (whatever its
   * state) without changing it.
   */
  OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now);

  /**
   * Like {@link #enqueue(Recipient, String, String, Instant)}, for a message also stored as PENDING in
   * the conversation history under {@code historyMessageId} (a bot's reply, appended in the same
   * transaction): when the entry is delivered, {@link #markDelivered(long, String, String, Instant)}
   * marks that message SENT with the platform's message id, so the platform's status webhooks
   * ({@code updateDeliveryStatus}) then move it on to delivered and read.
   */
  OutboxEntry enqueue(Recipient recipient, String payload, String dedupKey, Instant now, long historyMessageId);

  /**
   * An entry the platform accepted, for {@link #markDelivered(List, Instant)}.
   *
   * @param id the entry
   * @param claimToken the token of the claim it was delivered under
   * @param platformMessageId the platform's id of the message, or null if it named none
   */
  record Delivered(long id, String claimToken, String platformMessageId) {
    public Delivered {
      Objects.requireNonNull(claimToken, "claimToken");
    }
  }

  /** The entry with this id, if it exists. */
  Optional<OutboxEntry> find(long id);

  /** The entry enqueued under this dedup key, if it exists. */
  Optional<OutboxEntry> findByDedupKey(String dedupKey);

  /**
   * Claims up to {@code limit} entries ready at {@code now} (at most one per recipient: the head of
   * its queue) for {@code lease}; each comes back IN_FLIGHT with a fresh claim token and its attempt
   * count raised by one.
   */
  List<OutboxEntry> claim(Instant now, Duration lease, int limit);

  /**
   * What one {@link #claimBatch} took.
   *
   * @param entries the entries claimed, as by {@link #claim}
   * @param heldBack meaningful only when fewer than the limit were claimed: whether a ready PENDING
   *     entry was left behind because an earlier entry to its recipient is IN_FLIGHT. The outbox then
   *     claims again as soon as one of its deliveries finishes; otherwise it waits to be woken.
   */
  record Claimed(List<OutboxEntry> entries, boolean heldBack) {
    public Claimed {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Claims as {@link #claim} does and tells whether ready entries were held back behind entries in
   * flight, so an outbox whose deliveries finish does not have to claim again just to find out. This
   * default says they may have been (the outbox then claims again after every delivery); stores
   * override it to answer in the claim's own transaction.
   */
  default Claimed claimBatch(Instant now, Duration lease, int limit) {
    return new Claimed(claim(now, lease, limit), true);
  }

  /**
   * The platform accepted the entry as {@code platformMessageId} (null if it named none); the history
   * message the entry was enqueued with, if any, is marked SENT with that id in the same step.
   *
   * @return false if the claim was lost (taken over or finished)
   */
  boolean markDelivered(long id, String claimToken, String platformMessageId, Instant now);

  /** The platform accepted the entry without naming the message. @return false if the claim was lost */
  default boolean markDelivered(long id, String claimToken, Instant now) {
    return markDelivered(id, claimToken, null, now);
  }

  /**
   * Several entries the platform accepted, each marked as by {@link #markDelivered(long, String,
   * String, Instant)}. The outbox calls this with the deliveries that finished together, so a store
   * that writes them in one transaction spares a busy outbox one commit per message. If it throws,
   * the outbox marks them again one at a time, so one bad entry does not hold up the others. This
   * default marks them one at a time.
   *
   * @return the ids of the entries marked; the others' claims were lost
   */
  default Set<Long> markDelivered(List<Delivered> delivered, Instant now) {
    Set<Long> marked = new HashSet<>();
    for (Delivered d : delivered) {
      if (markDelivered(d.id(), d.claimToken(), d.platformMessageId(), now)) {
        marked.add(d.id());
      }
    }
    return marked;
  }

  /** The attempt failed but may succeed later: pending again from {@code nextAttemptAt}. */
  boolean retryLater(long id, String claimToken, Instant nextAttemptAt, String error);

  /** The entry cannot be delivered as is: parked with {@code reason} until retried by hand. */
  boolean park(long id, String claimToken, String reason, Instant now);

  /** Parked entries, oldest first, at most {@code limit}. */
  List<OutboxEntry> parked(int limit);

  /** Puts a parked entry back in the queue, ready at {@code now}. @return false if it is not parked */
  boolean unpark(long id, Instant now);

  /** How many entries are in each state. */
  OutboxCounts counts();

  /**
   * Deletes delivered entries created before {@code before}; their dedup keys are then forgotten.
   *
   * @return how many were deleted
   */
  int purgeDelivered(Instant before);
}
