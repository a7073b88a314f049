package dev.parley.core.conversation;

import dev.parley.core.LastInboundTimes;
import dev.parley.core.Recipient;
import dev.parley.core.outbox.OutboxStore;
import dev.parley.core.webhook.InboundJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Everything Parley remembers about customers and conversations: customers and their channel
 * identities, profiles, message history with delivery status, the messaging window, who owns each
 * conversation, the bot's versioned state, durable timers, the webhook journal and the outbox.
 *
 * <p>Implementations: {@link InMemoryConversationStore} (a bare client, tests) and {@link
 * JdbcConversationStore} (an H2 file for a single service, PostgreSQL for production and several
 * nodes). Every implementation passes the same contract test suite.
 *
 * <pre>{@code
 * ConversationStore store = JdbcConversationStore.create("jdbc:postgresql://db/parley?user=parley");
 * String reply = store.withConversation(recipient, conversation -> {
 *   ConversationState state = store.state(recipient);
 *   // ... run the turn; no other thread or node works on this conversation meanwhile
 *   store.compareAndSetState(recipient, state.version(), newStateJson);
 *   return answer;
 * });
 * }</pre>
 *
 * <p>A conversation is identified by its {@link Recipient}; methods that take one create the
 * customer and the conversation on first sight, unless they say otherwise. Implementations are
 * thread-safe; on a shared database the atomicity promises hold across nodes. Failures of the
 * underlying database surface as {@link ConversationStoreException}.
 */
public interface ConversationStore extends LastInboundTimes, InboundJournal, AutoCloseable {

  // ---- customers ---------------------------------------------------------------------------

  /** The customer behind {@code identity}, created (with its conversation) on first sight. */
  Customer customer(Recipient identity);

  /** The customer behind {@code identity}, if the store knows it; creates nothing. */
  Optional<Customer> findCustomer(Recipient identity);

  /** The customer with this id, if it exists (it does not once merged away or erased). */
  Optional<Customer> findCustomerById(String customerId);

  /**
   * Declares two identities to be one person (the same customer on Messenger and WhatsApp, or on
   * two pages). The customer of {@code second} is merged into the customer of {@code first}: its
   * identities and its history move over, its profile fills the gaps of the surviving one, and its
   * id stops existing. Linking identities already linked changes nothing.
   *
   * @return the surviving customer, with the id of {@code first}'s customer
   */
  Customer link(Recipient first, Recipient second);

  /**
   * Merges what {@code update} knows into the customer's profile (known fields replace, unknown
   * ones keep what was there).
   *
   * @throws IllegalArgumentException if no customer has this id
   */
  Customer updateProfile(String customerId, Profile update);

  /**
   * Like {@link #updateProfile} and marks the profile as fetched from a platform at {@code at}, so
   * it is not fetched again ({@link Customer#profileFetched()}).
   */
  Customer recordProfileFetch(String customerId, Profile fetched, Instant at);

  /**
   * Right to erasure: removes the customer and all their personal data everywhere in the store:
   * profile, identities, conversations, history, state, timers, outbox entries and the journal's
   * events from them. Afterwards the store behaves as if it never saw them.
   *
   * @return true if the customer existed
   */
  boolean eraseCustomer(String customerId);

  // ---- conversations -----------------------------------------------------------------------

  /** The conversation with {@code recipient}, created (with its customer) on first sight. */
  Conversation conversation(Recipient recipient);

  /** The conversation with {@code recipient}, if the store knows it; creates nothing. */
  Optional<Conversation> findConversation(Recipient recipient);

  /**
   * Conversations whose owner is of {@code kind}, most recently active first, at most {@code
   * limit}: the agent inbox's queue.
   */
  List<Conversation> conversationsOwnedBy(Owner.Kind kind, int limit);

  /**
   * Records that the customer wrote at {@code at} (a message, a postback, a reaction: anything that
   * opens the messaging window). Never moves the time backwards.
   */
  void recordInbound(Recipient from, Instant at);

  /** When the customer last wrote on this channel identity; empty if never. Creates nothing. */
  @Override
  Optional<Instant> lastInbound(Recipient customer);

  // ---- history -----------------------------------------------------------------------------

  /**
   * Adds a message to the history of the conversation's customer. An inbound message also records
   * the inbound time. A message whose platform id is already stored is not added twice: the stored
   * one is returned.
   */
  StoredMessage append(NewMessage message);

  /**
   * A page of the customer's history across all their identities: the {@code limit} messages
   * stored before the message with id {@code beforeId} ({@code Long.MAX_VALUE} for the newest
   * page), oldest first.
   */
  MessagePage history(String customerId, long beforeId, int limit);

  /** The stored message with this platform id (mid, wamid), if any. */
  Optional<StoredMessage> findMessage(String platformMessageId);

  /**
   * Sets the platform id of an outbound message stored as PENDING once the platform accepted it,
   * moving it to SENT.
   *
   * @return false if no pending message has this id
   */
  boolean markSent(long messageId, String platformMessageId, Instant at);

  /**
   * Moves the message with this platform id to {@code status}, only forward (see {@link
   * DeliveryStatus}); {@code failureReason} is kept for FAILED.
   *
   * @return true if the status changed
   */
  boolean updateDeliveryStatus(String platformMessageId, DeliveryStatus status, Instant at, String failureReason);

  /**
   * Moves every outbound message to {@code recipient} sent at or before {@code watermark} to {@code
   * status} (Messenger's delivery and read watermarks), only forward.
   *
   * @return how many messages changed
   */
  int updateDeliveryStatusUpTo(Recipient recipient, DeliveryStatus status, Instant watermark);

  // ---- ownership ---------------------------------------------------------------------------

  /** Who owns the conversation; a new conversation belongs to the bot. */
  Ownership ownership(Recipient conversation);

  /** Hands the conversation to {@code owner} from {@code at}, for {@code reason}. */
  Ownership assignOwner(Recipient conversation, Owner owner, String reason, Instant at);

  // ---- state -------------------------------------------------------------------------------

  /** The bot's state for the conversation; {@link ConversationState#NONE} if never written. */
  ConversationState state(Recipient conversation);

  /**
   * Writes the bot's state if its version is still {@code expectedVersion} (0 for "no state yet").
   *
   * @return the new state (version {@code expectedVersion + 1}), or empty if someone else wrote
   *     first: read again and redo the turn
   */
  Optional<ConversationState> compareAndSetState(Recipient conversation, long expectedVersion, String data);

  /**
   * Saves what a turn decided once its work ran: the state written over {@code expectedVersion} (as
   * {@link #compareAndSetState}), then each reply appended to the history in order and enqueued in the
   * outbox linked to its stored message (an entry already enqueued under a reply's key stays as it was),
   * then the event {@code handledEventKey} marked handled in the journal. Call it inside {@link
   * #withConversation}: on a JDBC store it all commits with the turn's other writes or not at all. A
   * PostgreSQL store writes it in one statement where separate calls take a round trip each.
   *
   * @param replies the turn's replies in the order the customer gets them; may be empty
   * @param handledEventKey the journal key of the event the turn handled, or null (a reminder's turn)
   * @return the new state, or empty if someone else wrote the state first: then nothing was written
   * @throws IllegalArgumentException for a reply to another conversation, before anything is written
   */
  default Optional<ConversationState> saveTurn(Recipient conversation, long expectedVersion, String data,
      List<QueuedReply> replies, String handledEventKey) {
    StoreArguments.checkTurn(conversation, expectedVersion, data, replies);
    Optional<ConversationState> saved = compareAndSetState(conversation, expectedVersion, data);
    if (saved.isEmpty()) {
      return saved;
    }
    for (QueuedReply reply : replies) {
      StoredMessage stored = append(reply.message());
      outbox().enqueue(conversation, reply.message().json(), reply.dedupKey(), reply.message().at(), stored.id());
    }
    if (handledEventKey != null) {
      markHandled(handledEventKey);
    }
    return saved;
  }

  // ---- serialisation -----------------------------------------------------------------------

  /**
   * Runs {@code work} while holding the conversation, so that no other thread (and, on a shared
   * database, no other node) works on it at the same time; creates the conversation on first sight.
   * On JDBC stores the work runs in a database transaction holding the conversation's row lock, and
   * the store calls it makes on the same thread join that transaction: if {@code work} throws, its
   * store writes are rolled back. Reentrant. Keep the work short; do not block on other threads
   * that use this store for the same conversation.
   */
  <T> T withConversation(Recipient conversation, Function<Conversation, T> work);

  /**
   * {@link #withConversation}, with where {@code event} stands in the conversation's journal ({@link
   * #standing}) read once the conversation is held, so that it counts every event whose turn ended
   * before this hold began: what a turn that runs its conversation's events in order asks first. A
   * PostgreSQL store takes the lock and reads the journal in one round trip; this default asks
   * {@link #standing} inside the hold.
   *
   * @param event the event at hand: from {@code conversation}, with a key and an occurrence time
   * @throws IllegalArgumentException if {@code event} is from another conversation or lacks its key or
   *     time, before anything is held
   */
  default <T> T withConversation(Recipient conversation, InboundJournal.Entry event,
      BiFunction<Conversation, InboundJournal.Standing, T> work) {
    StoreArguments.checkHeldEvent(conversation, event);
    Objects.requireNonNull(work, "work");
    return withConversation(conversation, held -> work.apply(held, standing(event)));
  }

  // ---- timers ------------------------------------------------------------------------------

  /**
   * Schedules a durable timer; a timer with the same key is replaced, even a claimed one: the
   * replacement is not claimed, and completing the old claim does not delete it.
   *
   * @return the timer as stored
   */
  ConversationTimer schedule(String key, Recipient conversation, Instant dueAt, String payload);

  /** Cancels the timer with this key, claimed or not. @return true if it existed */
  boolean cancelTimer(String key);

  /** The timer with this key, if any; a claimed one carries its claim token. */
  Optional<ConversationTimer> findTimer(String key);

  /**
   * Claims up to {@code limit} timers due at {@code now}, earliest first, for {@code lease}: each comes
   * back with a fresh {@link ConversationTimer#claimToken()} and stays in the store, handed to no one
   * else until the lease ends (even when several nodes claim at the same time). Complete each with
   * {@link #completeTimer}; a timer whose claim is not completed within its lease (the claimant died
   * or its work failed) is claimed again.
   */
  List<ConversationTimer> claimDueTimers(Instant now, Duration lease, int limit);

  /**
   * Deletes the timer {@code key} if it is still held by the claim {@code claimToken}. Call it inside
   * {@link #withConversation}, with the work the timer triggered: on a JDBC store the deletion then
   * commits with that work or not at all, and the timer's row stays locked until then, so no other
   * node claims it meanwhile.
   *
   * @return true if the timer was deleted; false if it is gone, was rescheduled (the new timer stays)
   *     or was claimed again by someone else after the lease ended
   */
  boolean completeTimer(String key, String claimToken);

  // ---- outbox ------------------------------------------------------------------------------

  /** The durable send queue kept in this store; see {@link dev.parley.core.outbox.Outbox}. */
  OutboxStore outbox();

  /** Releases the store's resources (a connection pool it created). */
  @Override
  void close();
}
