package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.InMemoryCustomers.ConversationRow;
import dev.parley.core.outbox.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link ConversationStore} in the heap: the default of a bare client, and the store for tests.
 * Everything is lost when the process ends; use {@link JdbcConversationStore} for a service.
 *
 * <pre>{@code
 * ConversationStore store = InMemoryConversationStore.builder()
 *     .handledEventRetention(Duration.ofDays(7))   // the default
 *     .maxHandledEvents(100_000)                   // the default
 *     .build();
 * }</pre>
 *
 * <p><b>Journal retention.</b> The webhook journal keeps an event whole until it is handled; then only
 * its key (and sender, and place in the order), to recognise redeliveries, for {@link
 * Builder#handledEventRetention} after it was handled (7 days by default: WhatsApp providers document
 * retrying an unacknowledged webhook for up to 7 days, Meta's on-premises API typically for 24 hours;
 * Messenger's schedule is not documented), and at most {@link Builder#maxHandledEvents} of them
 * (100,000 by default, a few tens of megabytes), the oldest handled forgotten first. A redelivery of an
 * event forgotten is handled again, except that a bot's saved conversation state still recognises its
 * last events. A busy bot reaches the count long before the time; raise it, or use a JDBC store,
 * whose journal keeps every key.
 *
 * <p>Thread-safe: data access holds one monitor briefly; {@link #withConversation} holds one of 256
 * striped reentrant locks, so conversations hashing to different stripes run in parallel.
 */
public final class InMemoryConversationStore implements ConversationStore {
  private static final int STRIPES = 256;
  /** The default {@link Builder#handledEventRetention}. */
  public static final Duration DEFAULT_HANDLED_EVENT_RETENTION = Duration.ofDays(7);
  /** The longest {@link Builder#handledEventRetention} accepts. */
  public static final Duration MAX_HANDLED_EVENT_RETENTION = Duration.ofDays(3650);
  /** The default {@link Builder#maxHandledEvents}. */
  public static final int DEFAULT_MAX_HANDLED_EVENTS = 100_000;
  /** The most {@link Builder#maxHandledEvents} accepts. */
  public static final int MAX_HANDLED_EVENTS_LIMIT = 100_000_000;

  private final Clock clock;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final Object lock = new Object();
  private final InMemoryCustomers customers;
  private final InMemoryHistory history = new InMemoryHistory();
  private final InMemoryTimersAndJournal timersAndJournal;
  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(this::markSent);

  /** A store on the system clock, with the default journal retention. */
  public InMemoryConversationStore() {
    this(Clock.systemUTC());
  }

  /** A store that stamps creation times from {@code clock}, with the default journal retention. */
  public InMemoryConversationStore(Clock clock) {
    this(builder().clock(clock));
  }

  private InMemoryConversationStore(Builder builder) {
    this.clock = builder.clock;
    this.customers = new InMemoryCustomers(clock);
    this.timersAndJournal = new InMemoryTimersAndJournal(clock, builder.handledEventRetention,
        builder.maxHandledEvents);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures an {@link InMemoryConversationStore}. Not thread-safe; {@link #build} may be called again. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration handledEventRetention = DEFAULT_HANDLED_EVENT_RETENTION;
    private int maxHandledEvents = DEFAULT_MAX_HANDLED_EVENTS;

    private Builder() {}

    /** The clock that stamps creation times and ages the journal; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long a handled event's key is remembered after it was handled, so a redelivery is
     * recognised; 7 days by default. Positive, at most 10 years.
     */
    public Builder handledEventRetention(Duration retention) {
      Objects.requireNonNull(retention, "handledEventRetention");
      if (retention.isNegative() || retention.isZero() || retention.compareTo(MAX_HANDLED_EVENT_RETENTION) > 0) {
        throw new IllegalArgumentException("handledEventRetention is " + retention + "; it must be positive and"
            + " at most " + MAX_HANDLED_EVENT_RETENTION);
      }
      this.handledEventRetention = retention;
      return this;
    }

    /**
     * The most handled events remembered at once, the oldest handled forgotten first; 100,000 by
     * default, 1 to 100,000,000. Bounds the journal's memory whatever the traffic.
     */
    public Builder maxHandledEvents(int max) {
      if (max < 1 || max > MAX_HANDLED_EVENTS_LIMIT) {
        throw new IllegalArgumentException("maxHandledEvents is " + max + "; it must be 1 to "
            + MAX_HANDLED_EVENTS_LIMIT);
      }
      this.maxHandledEvents = max;
      return this;
    }

    public InMemoryConversationStore build() {
      return new InMemoryConversationStore(this);
    }
  }

  // ---- customers -----------------------------------------------------------------------------

  @Override
  public Customer customer(Recipient identity) {
    synchronized (lock) {
      return customers.customer(customers.row(identity).customerId);
    }
  }

  @Override
  public Optional<Customer> findCustomer(Recipient identity) {
    synchronized (lock) {
      ConversationRow row = customers.find(identity);
      return row == null ? Optional.empty() : Optional.of(customers.customer(row.customerId));
    }
  }

  @Override
  public Optional<Customer> findCustomerById(String customerId) {
    synchronized (lock) {
      return customers.exists(customerId) ? Optional.of(customers.customer(customerId)) : Optional.empty();
    }
  }

  @Override
  public Customer link(Recipient first, Recipient second) {
    synchronized (lock) {
      String survivor = customers.row(first).customerId;
      String merged = customers.row(second).customerId;
      if (!survivor.equals(merged)) {
        customers.merge(merged, survivor);
        history.moveCustomer(merged, survivor);
      }
      return customers.customer(survivor);
    }
  }

  @Override
  public Customer updateProfile(String customerId, Profile update) {
    return changeProfile(customerId, update, null);
  }

  @Override
  public Customer recordProfileFetch(String customerId, Profile fetched, Instant at) {
    return changeProfile(customerId, fetched, Objects.requireNonNull(at, "at"));
  }

  private Customer changeProfile(String customerId, Profile update, Instant fetchedAt) {
    Objects.requireNonNull(update, "update");
    synchronized (lock) {
      return customers.changeProfile(customerId, update, fetchedAt);
    }
  }

  @Override
  public boolean eraseCustomer(String customerId) {
    Set<Recipient> identities;
    synchronized (lock) {
      identities = customers.erase(customerId);
      if (identities == null) {
        return false;
      }
      history.erase(customerId);
    }
    timersAndJournal.erase(identities);
    outbox.erase(identities);
    return true;
  }

  // ---- conversations ---------------------------------------------------------------------------

  @Override
  public Conversation conversation(Recipient recipient) {
    synchronized (lock) {
      return customers.row(recipient).toConversation();
    }
  }

  @Override
  public Optional<Conversation> findConversation(Recipient recipient) {
    synchronized (lock) {
      return Optional.ofNullable(customers.find(recipient)).map(ConversationRow::toConversation);
    }
  }

  @Override
  public List<Conversation> conversationsOwnedBy(Owner.Kind kind, int limit) {
    StoreArguments.checkLimit(limit);
    synchronized (lock) {
      return customers.rows().stream()
          .filter(c -> c.ownership.owner().kind() == kind)
          .map(ConversationRow::toConversation)
          .sorted(StoreArguments.MOST_RECENTLY_ACTIVE)
          .limit(limit)
          .toList();
    }
  }

  @Override
  public void recordInbound(Recipient from, Instant at) {
    synchronized (lock) {
      ConversationRow row = customers.row(from);
      Instant micros = Timestamps.micros(at);
      if (row.lastInboundAt == null || row.lastInboundAt.isBefore(micros)) {
        row.lastInboundAt = micros;
      }
    }
  }

  @Override
  public Optional<Instant> lastInbound(Recipient customer) {
    synchronized (lock) {
      ConversationRow row = customers.find(customer);
      return row == null ? Optional.empty() : Optional.ofNullable(row.lastInboundAt);
    }
  }

  // ---- history -------------------------------------------------------------------------------

  @Override
  public StoredMessage append(NewMessage message) {
    synchronized (lock) {
      StoredMessage known = history.withPlatformId(message.platformMessageId());
      if (known != null) {
        return known;
      }
      ConversationRow row = customers.row(message.conversation());
      StoredMessage stored = history.add(message, row.customerId);
      Instant at = stored.at();
      if (row.lastMessageAt == null || row.lastMessageAt.isBefore(at)) {
        row.lastMessageAt = at;
      }
      if (message.author().isCustomer() && (row.lastInboundAt == null || row.lastInboundAt.isBefore(at))) {
        row.lastInboundAt = at;
      }
      return stored;
    }
  }

  @Override
  public MessagePage history(String customerId, long beforeId, int limit) {
    StoreArguments.checkLimit(limit);
    synchronized (lock) {
      return history.page(customerId, beforeId, limit);
    }
  }

  @Override
  public Optional<StoredMessage> findMessage(String platformMessageId) {
    synchronized (lock) {
      return Optional.ofNullable(history.withPlatformId(platformMessageId));
    }
  }

  @Override
  public boolean markSent(long messageId, String platformMessageId, Instant at) {
    StoreArguments.checkPlatformId(platformMessageId);
    synchronized (lock) {
      return history.markSent(messageId, platformMessageId, at);
    }
  }

  @Override
  public boolean updateDeliveryStatus(String platformMessageId, DeliveryStatus status, Instant at,
      String failureReason) {
    StoreArguments.checkOutboundStatus(status);
    synchronized (lock) {
      return history.updateStatus(platformMessageId, status, at, failureReason);
    }
  }

  @Override
  public int updateDeliveryStatusUpTo(Recipient recipient, DeliveryStatus status, Instant watermark) {
    StoreArguments.checkOutboundStatus(status);
    synchronized (lock) {
      return history.updateStatusUpTo(recipient, status, watermark);
    }
  }

  // ---- ownership and state ---------------------------------------------------------------------

  @Override
  public Ownership ownership(Recipient conversation) {
    synchronized (lock) {
      return customers.row(conversation).ownership;
    }
  }

  @Override
  public Ownership assignOwner(Recipient conversation, Owner owner, String reason, Instant at) {
    Ownership ownership = new Ownership(owner, Timestamps.micros(at), reason);
    synchronized (lock) {
      customers.row(conversation).ownership = ownership;
      return ownership;
    }
  }

  @Override
  public ConversationState state(Recipient conversation) {
    synchronized (lock) {
      ConversationRow row = customers.find(conversation);
      return row == null ? ConversationState.NONE : row.state;
    }
  }

  @Override
  public Optional<ConversationState> compareAndSetState(Recipient conversation, long expectedVersion, String data) {
    StoreArguments.checkState(expectedVersion, data);
    synchronized (lock) {
      ConversationRow row = customers.row(conversation);
      if (row.state.version() != expectedVersion) {
        return Optional.empty();
      }
      row.state = new ConversationState(expectedVersion + 1, data);
      return Optional.of(row.state);
    }
  }

  @Override
  public <T> T withConversation(Recipient conversation, Function<Conversation, T> work) {
    Objects.requireNonNull(work, "work");
    conversation(conversation);
    ReentrantLock stripe = stripes[Math.floorMod(conversation.hashCode(), STRIPES)];
    stripe.lock();
    try {
      return work.apply(conversation(conversation));
    } finally {
      stripe.unlock();
    }
  }

  // ---- timers and journal -------------------------------------------------------------------

  @Override
  public ConversationTimer schedule(String key, Recipient conversation, Instant dueAt, String payload) {
    ConversationTimer timer = new ConversationTimer(key, conversation, Timestamps.micros(dueAt), payload);
    synchronized (lock) {
      customers.row(conversation);
    }
    return timersAndJournal.schedule(timer);
  }

  @Override
  public boolean cancelTimer(String key) {
    return timersAndJournal.cancelTimer(key);
  }

  @Override
  public Optional<ConversationTimer> findTimer(String key) {
    return timersAndJournal.findTimer(key);
  }

  @Override
  public List<ConversationTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    return timersAndJournal.claimDueTimers(now, lease, limit);
  }

  @Override
  public boolean completeTimer(String key, String claimToken) {
    return timersAndJournal.completeTimer(key, claimToken);
  }

  @Override
  public boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson) {
    return timersAndJournal.record(eventKey, from, occurredAt != null ? occurredAt : clock.instant(), rawJson);
  }

  @Override
  public void markHandled(String eventKey) {
    timersAndJournal.markHandled(eventKey);
  }

  @Override
  public boolean isHandled(String eventKey) {
    return timersAndJournal.isHandled(eventKey);
  }

  @Override
  public Standing standing(Entry event) {
    StoreArguments.checkUnhandledBefore(event);
    return timersAndJournal.standing(event);
  }

  /** How many handled events the journal remembers for deduplication (see the class comment). */
  int handledEventsRemembered() {
    return timersAndJournal.handledRemembered();
  }

  @Override
  public List<Entry> unhandled(int limit) {
    return timersAndJournal.unhandled(limit);
  }

  @Override
  public List<Entry> unhandledAfter(Entry after, int limit) {
    return timersAndJournal.unhandledAfter(after, limit);
  }

  @Override
  public List<Entry> unhandledBefore(Entry event, int limit) {
    return timersAndJournal.unhandledBefore(event, limit);
  }

  // ---- outbox and lifecycle --------------------------------------------------------------------

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
