package dev.parley.core.outbox;

import dev.parley.core.InvalidRequestException;
import dev.parley.core.Recipient;
import dev.parley.core.internal.MessageJson;
import dev.parley.core.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable send queue: a merchant enqueues a message with a dedup key (order id + status) and the
 * outbox delivers it through the send path, in order per recipient, at least once; the dedup key
 * makes it effectively once. A crash between enqueue and delivery loses nothing, and on PostgreSQL
 * several nodes drain one outbox without sending an entry twice.
 *
 * <pre>{@code
 * Outbox outbox = Outbox.builder(store.outbox(), parley::sendAsync).build();
 * outbox.start();
 * outbox.enqueue(customer, orderUpdate, "order-1042:shipped");   // durable when it returns
 * }</pre>
 *
 * <p>Retryable failures (rate limits, platform or network trouble, anything {@linkplain
 * dev.parley.core.ParleyException#isTransient() transient}) are retried with exponential backoff and
 * jitter, honouring {@link dev.parley.core.RateLimitedException#retryAfter()}; while an entry waits
 * for its retry, later entries to the same recipient wait too. A permanent failure (or running out of
 * attempts) parks the entry with its reason: {@link #parked} lists them, {@link #retryParked} puts one
 * back. A parked entry does not hold up the recipient's later entries.
 *
 * <p>Workers claim entries for a lease; a worker that dies holding entries loses nothing, as the
 * claims expire and are taken again (an entry whose delivery outlived its lease may be delivered a
 * second time: keep the lease well above the send path's retry budget). Thread-safe.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final OutboxStore store;
  private final OutboxDelivery delivery;
  private final OutboxSettings settings;
  private final OutboxAttempts attempts;
  private final OutboxCapacity capacity;
  private final OutboxMarks marks;
  /** Outcomes the store could not record when they happened, written before each claim. */
  private final UnrecordedOutcomes unrecorded;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong waits = new AtomicLong();
  /** Claims running now; a finished delivery wakes the worker while one runs (see {@link #finished}). */
  private final AtomicInteger claiming = new AtomicInteger();
  /**
   * Whether a finished delivery should wake the worker to claim again: the last claim was full or left
   * ready entries behind entries in flight, or the worker found no room to claim. Otherwise a claim
   * after a delivery would come back empty; new entries wake the worker themselves.
   */
  private volatile boolean claimAfterDelivery = true;
  private final BlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>();
  private final Object lifecycle = new Object();
  private Thread worker;
  private volatile boolean closed;

  private Outbox(OutboxSettings settings, OutboxStore store, OutboxDelivery delivery) {
    this.settings = settings;
    this.store = store;
    this.delivery = delivery;
    this.unrecorded = new UnrecordedOutcomes(settings);
    this.attempts = new OutboxAttempts(store, settings, unrecorded);
    this.capacity = new OutboxCapacity(store, settings.capacity());
    this.marks = new OutboxMarks(store, settings, unrecorded);
  }

  /** Starts configuring an outbox over {@code store} that delivers through {@code delivery}. */
  public static Builder builder(OutboxStore store, OutboxDelivery delivery) {
    return new Builder(store, delivery);
  }

  /**
   * Enqueues {@code message} for {@code recipient}, durably. If an entry was already enqueued under
   * {@code dedupKey}, nothing changes and that entry is returned, whatever its state.
   *
   * @throws OutboxFullException when the outbox holds its capacity of unfinished entries
   */
  public OutboxEntry enqueue(Recipient recipient, Message message, String dedupKey) {
    return enqueue(recipient, message, dedupKey, null);
  }

  /**
   * Like {@link #enqueue(Recipient, Message, String)}, for a message also stored as PENDING in the
   * conversation history under {@code historyMessageId} (see {@link OutboxStore#enqueue(Recipient,
   * String, String, java.time.Instant, long)}): once delivered, that message becomes SENT with the
   * platform's message id.
   *
   * @throws OutboxFullException when the outbox holds its capacity of unfinished entries
   */
  public OutboxEntry enqueue(Recipient recipient, Message message, String dedupKey, long historyMessageId) {
    return enqueue(recipient, message, dedupKey, Long.valueOf(historyMessageId));
  }

  private OutboxEntry enqueue(Recipient recipient, Message message, String dedupKey, Long historyMessageId) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(message, "message");
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new InvalidRequestException("dedupKey must not be blank: use what makes the message unique, "
          + "such as order id and status");
    }
    var existing = store.findByDedupKey(dedupKey);
    if (existing.isPresent()) {
      return existing.get();
    }
    String payload = MessageJson.toJson(message);
    capacity.reserve(dedupKey);
    OutboxEntry entry = historyMessageId == null
        ? store.enqueue(recipient, payload, dedupKey, settings.clock().instant())
        : store.enqueue(recipient, payload, dedupKey, settings.clock().instant(), historyMessageId);
    wakeUps.offer(Boolean.TRUE);
    return entry;
  }

  /**
   * Tells the background worker that entries were committed without {@link #enqueue}: by a
   * transaction that wrote to the {@link OutboxStore} directly (a bot turn whose replies commit with
   * its state), or by another process. The worker claims them now instead of at its next poll. Call
   * it after the commit: a worker woken before cannot see the rows yet. Cheap; does nothing when the
   * worker is not running (then {@link #deliverDue} or the next start picks the entries up).
   */
  public void wakeUp() {
    wakeUps.offer(Boolean.TRUE);
  }

  /** The message an entry carries. */
  public Message message(OutboxEntry entry) {
    return MessageJson.fromJson(entry.payload());
  }

  /**
   * One pass on the calling thread: claims what is ready (the head entry of each recipient's queue,
   * up to the batch size), delivers it and waits until every attempt is finished; first it writes
   * the outcomes the store could not record earlier. For tests, tools and a manual
   * drain; {@link #start()} runs passes in the background.
   *
   * @return how many entries were attempted
   */
  public int deliverDue() {
    unrecorded.retry();
    List<CompletableFuture<Void>> attempts = claimAndDeliver(settings.batchSize());
    CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
    return attempts.size();
  }

  /**
   * Starts the background worker: it claims ready entries when woken (an enqueue, {@link #wakeUp}, a
   * finished delivery that leaves work: a failure, a full claim, an entry held back behind it) and
   * otherwise every poll interval, with at most the configured number of deliveries in flight.
   * Idempotent.
   *
   * <p>The worker claims in batches: with deliveries in flight it waits until room for half a batch
   * (or half of {@code maxInFlight}, if smaller) is free, so one claim transaction serves many
   * deliveries rather than one claim per finished delivery.
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("outbox is closed");
      }
      if (worker == null) {
        worker = new Thread(this::work, "parley-outbox");
        worker.setDaemon(true);
        worker.start();
      }
    }
  }

  private void work() {
    int refillAt = Math.max(1, Math.min(settings.batchSize(), settings.maxInFlight()) / 2);
    while (!closed) {
      unrecorded.retry(); // before the claim: a recorded entry lets its recipient's next one go
      int free = settings.maxInFlight() - inFlight.get();
      boolean more = false;
      if (free < refillAt) {
        // A wake-up may be waiting for room. Deliveries that finished before they could see the flag
        // did not wake the worker: it looks again at once if they made room.
        claimAfterDelivery = true;
        more = settings.maxInFlight() - inFlight.get() >= refillAt;
      } else {
        int wanted = Math.min(free, settings.batchSize());
        try {
          more = claimAndDeliver(wanted).size() == wanted;
        } catch (RuntimeException e) {
          log.warn("outbox could not claim entries; trying again in {}", settings.pollInterval(), e);
        }
      }
      if (!more) {
        waits.incrementAndGet();
        try {
          wakeUps.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUps.clear();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private List<CompletableFuture<Void>> claimAndDeliver(int limit) {
    List<OutboxEntry> claimed;
    claiming.incrementAndGet();
    try {
      OutboxStore.Claimed claim = store.claimBatch(settings.clock().instant(), settings.lease(), limit);
      claimed = claim.entries();
      // Set before the claim counts as finished: a delivery that finishes in between sees one or the other.
      claimAfterDelivery = claimed.size() >= limit || claim.heldBack();
    } catch (RuntimeException e) {
      claimAfterDelivery = true;
      throw e;
    } finally {
      claiming.decrementAndGet();
    }
    List<CompletableFuture<Void>> running = new ArrayList<>(claimed.size());
    for (OutboxEntry entry : claimed) {
      inFlight.incrementAndGet();
      running.add(deliver(entry).thenAccept(this::finished));
    }
    return running;
  }

  /**
   * A delivery finished. The worker claims again if the entry failed (it is pending again, or parked,
   * which lets its recipient's next entry go), if the last claim said more is waiting, or if a claim
   * is running now: that claim may have read this entry as still in flight and held its recipient's
   * next entry back, and says so only after this check.
   */
  private void finished(boolean delivered) {
    inFlight.decrementAndGet();
    if (!delivered || claimAfterDelivery || claiming.get() > 0) {
      wakeUps.offer(Boolean.TRUE);
    }
  }

  /** @return a future completed with true once the entry is marked delivered, false if it was not */
  private CompletableFuture<Boolean> deliver(OutboxEntry entry) {
    Message message;
    try {
      message = MessageJson.fromJson(entry.payload());
    } catch (RuntimeException e) {
      attempts.park(entry, "payload is not a message Parley can read: " + e.getMessage());
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    try {
      delivery.deliver(entry.recipient(), message).whenComplete((receipt, failure) -> {
        if (failure == null) {
          marks.delivered(entry, receipt, () -> done.complete(true));
          return;
        }
        try {
          attempts.failed(entry, failure);
        } finally {
          done.complete(false);
        }
      });
    } catch (RuntimeException e) {
      try {
        attempts.failed(entry, e);
      } finally {
        done.complete(false);
      }
    }
    return done;
  }

  /** Parked entries, oldest first, at most {@code limit}. */
  public List<OutboxEntry> parked(int limit) {
    return store.parked(limit);
  }

  /** Puts a parked entry back in the queue with fresh attempts. @return false if it is not parked */
  public boolean retryParked(long entryId) {
    boolean unparked = store.unpark(entryId, settings.clock().instant());
    if (unparked) {
      wakeUps.offer(Boolean.TRUE);
    }
    return unparked;
  }

  /** How many entries are pending, in flight, parked and delivered. */
  public OutboxCounts counts() {
    return store.counts();
  }

  /** Deliveries this outbox instance has running now. */
  public int deliveriesInFlight() {
    return inFlight.get();
  }

  /** How many times the background worker went to wait for a wake-up or its poll interval; for tests. */
  long workerWaits() {
    return waits.get();
  }

  /**
   * Takes the wake-ups waiting for the background worker; whether there were any. For tests of an
   * outbox whose worker is not running: what would have made the worker claim again.
   */
  boolean takeWakeUps() {
    boolean any = !wakeUps.isEmpty();
    wakeUps.clear();
    return any;
  }

  /** Whether the background worker thread is running; for tests. */
  boolean workerAlive() {
    synchronized (lifecycle) {
      return worker != null && worker.isAlive();
    }
  }

  /**
   * Stops the background worker and waits up to the shutdown grace for deliveries in flight; entries
   * still unfinished are taken again by any worker once their claims expire.
   */
  @Override
  public void close() {
    Thread running;
    synchronized (lifecycle) {
      closed = true;
      running = worker;
    }
    if (running != null) {
      running.interrupt();
    }
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    try {
      if (running != null) {
        running.join(settings.shutdownGrace().toMillis() + 1);
      }
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        wakeUps.poll(10, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Outbox[" + settings + "]";
  }

  /** Settings of an outbox, checked when set. Not thread-safe; build once. */
  public static final class Builder {
    private final OutboxStore store;
    private final OutboxDelivery delivery;
    private final OutboxSettings.Mutable settings = new OutboxSettings.Mutable();

    private Builder(OutboxStore store, OutboxDelivery delivery) {
      this.store = Objects.requireNonNull(store, "store");
      this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /** The clock of enqueue times, backoff and leases; the system clock by default. */
    public Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a claim lasts before another worker may take the entry again; 5 minutes by default. */
    public Builder lease(Duration lease) {
      settings.lease = OutboxSettings.positive("lease", lease, Duration.ofSeconds(1), Duration.ofHours(24));
      return this;
    }

    /** Attempts before an entry that keeps failing is parked; 10 by default. */
    public Builder maxAttempts(int maxAttempts) {
      settings.maxAttempts = OutboxSettings.between("maxAttempts", maxAttempts, 1, 1000);
      return this;
    }

    /** The delay after the first failure, doubled after each further one up to the maximum; 1 s and 5 min by default. */
    public Builder backoff(Duration initial, Duration maximum) {
      settings.initialBackoff = OutboxSettings.positive("initial backoff", initial, Duration.ofMillis(1), Duration.ofHours(1));
      settings.maxBackoff = OutboxSettings.positive("maximum backoff", maximum, settings.initialBackoff, Duration.ofDays(1));
      return this;
    }

    /** Unfinished entries the outbox accepts before {@link #enqueue} refuses; 100,000 by default. */
    public Builder capacity(long capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
      }
      settings.capacity = capacity;
      return this;
    }

    /** Entries claimed per pass; 50 by default. */
    public Builder batchSize(int batchSize) {
      settings.batchSize = OutboxSettings.between("batchSize", batchSize, 1, 1000);
      return this;
    }

    /** Deliveries the background worker keeps running at once; 64 by default. */
    public Builder maxInFlight(int maxInFlight) {
      settings.maxInFlight = OutboxSettings.between("maxInFlight", maxInFlight, 1, 10_000);
      return this;
    }

    /** How often an idle background worker looks for work (other nodes may enqueue); 500 ms by default. */
    public Builder pollInterval(Duration interval) {
      settings.pollInterval = OutboxSettings.positive("pollInterval", interval, Duration.ofMillis(1), Duration.ofMinutes(10));
      return this;
    }

    /** How long {@link #close()} waits for deliveries in flight, 0 to 10 minutes; 10 s by default. */
    public Builder shutdownGrace(Duration grace) {
      settings.shutdownGrace = OutboxSettings.positive("shutdownGrace", grace, Duration.ZERO, Duration.ofMinutes(10));
      return this;
    }

    /** Who hears about deliveries, retries and parked entries; nobody by default. */
    public Builder listener(OutboxListener listener) {
      settings.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Outbox build() {
      return new Outbox(settings.freeze(), store, delivery);
    }
  }
}
