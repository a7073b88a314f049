package dev.parley.core.conversation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.core.Recipient;
import dev.parley.core.internal.jdbc.SchemaMigrations;
import dev.parley.core.outbox.OutboxStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A {@link ConversationStore} in a relational database over JDBC: PostgreSQL for production and
 * several nodes, or an H2 file as the embedded default of a single service, so a restart loses
 * nothing. The schema is created and upgraded by versioned migrations when the store is built.
 *
 * <pre>{@code
 * // a service on one machine: a file under ./parley-data
 * ConversationStore store = JdbcConversationStore.create(JdbcConversationStore.h2FileUrl(Path.of("parley-data/parley")));
 * // several nodes
 * ConversationStore store = JdbcConversationStore.create("jdbc:postgresql://db:5432/parley?user=parley&password=...");
 * }</pre>
 *
 * <p>Why H2 rather than SQLite for the embedded file: H2 is pure Java (no native library to ship per
 * platform), its PostgreSQL mode accepts the same SQL as the production database so one set of
 * migrations and queries serves both, and it has MVCC row locks, so {@code SELECT … FOR UPDATE}
 * serialises one conversation without blocking the others, where SQLite locks the whole file for
 * every write.
 *
 * <p>{@link #create(String)} builds a HikariCP pool that {@link #close()} shuts; a store over a
 * {@link DataSource} you pass leaves it open. The JDBC driver (H2 or PostgreSQL) must be on the
 * classpath. Thread-safe; on PostgreSQL every atomicity promise of {@link ConversationStore} also
 * holds across nodes.
 */
public final class JdbcConversationStore implements ConversationStore {
  static final List<String> MIGRATIONS = List.of("/dev/parley/core/db/V1__conversation_store.sql",
      "/dev/parley/core/db/V2__timer_claims.sql", "/dev/parley/core/db/V3__outbox_history_link.sql",
      "/dev/parley/core/db/V4__journal_order_per_conversation.sql",
      "/dev/parley/core/db/V5__outbox_claim_order.sql",
      "/dev/parley/core/db/V6__outbox_unfinished_per_recipient.sql");
  static final String MIGRATION_COMPONENT = "core";

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Clock clock;
  private final JdbcTransactions transactions;
  private final JdbcConversations conversations;
  private final JdbcHistory history;
  private final JdbcTimersAndJournal timersAndJournal;
  private final JdbcOutboxStore outbox;
  private final JdbcHolds holds;
  private final SqlDialect dialect;

  private JdbcConversationStore(Builder builder, DataSource dataSource, HikariDataSource ownedPool) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.clock = builder.clock;
    SchemaMigrations.apply(dataSource, MIGRATION_COMPONENT, MIGRATIONS);
    SqlDialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = SqlDialect.of(connection);
    } catch (SQLException e) {
      throw JdbcTransactions.failure("connect", e);
    }
    this.transactions = new JdbcTransactions(dataSource);
    JdbcConversations conversations = new JdbcConversations(clock);
    this.history = new JdbcHistory(transactions, conversations, dialect);
    this.timersAndJournal = new JdbcTimersAndJournal(transactions, conversations, dialect, clock);
    this.outbox = new JdbcOutboxStore(transactions, dialect, history);
    this.conversations = conversations;
    this.dialect = dialect;
    this.holds = new JdbcHolds(transactions, conversations, timersAndJournal, dialect);
  }

  /**
   * A store over a new connection pool to {@code jdbcUrl}, schema migrated. An H2 URL without a
   * {@code MODE} gets PostgreSQL mode, one without a {@code CACHE_SIZE} a 16 MB page cache, and a 10 s
   * lock timeout is added. Close the store to close the pool.
   */
  public static JdbcConversationStore create(String jdbcUrl) {
    return builder().jdbcUrl(jdbcUrl).build();
  }

  /** A store over your {@code dataSource} (an H2 one must be in PostgreSQL mode), schema migrated. */
  public static JdbcConversationStore create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The JDBC URL of the embedded H2 database in {@code file} (H2 adds {@code .mv.db}), in PostgreSQL
   * mode; the server's default store, such as {@code h2FileUrl(Path.of("parley-data", "parley"))}.
   */
  public static String h2FileUrl(Path file) {
    return SqlDialect.withH2Settings("jdbc:h2:file:" + file.toAbsolutePath());
  }

  /** Options of a JDBC store: where the database is, and the clock. Not thread-safe; build once. */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private int maximumPoolSize = 10;

    private Builder() {}

    /** The database to open a pool to; exclusive with {@link #dataSource}. */
    public Builder jdbcUrl(String jdbcUrl) {
      if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:', got "
            + (jdbcUrl == null ? "null" : "'" + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 12)) + "…'"));
      }
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** The database password; never logged nor shown. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** A pool you manage; exclusive with {@link #jdbcUrl}. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The clock stamping creation times; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Connections in the pool built from {@link #jdbcUrl}; 10 by default. */
    public Builder maximumPoolSize(int size) {
      if (size < 2 || size > 200) {
        throw new IllegalArgumentException("maximumPoolSize must be 2 to 200, got " + size);
      }
      this.maximumPoolSize = size;
      return this;
    }

    /** Opens the store and migrates the schema. */
    public JdbcConversationStore build() {
      if ((jdbcUrl == null) == (dataSource == null)) {
        throw new IllegalStateException("set exactly one of jdbcUrl and dataSource");
      }
      if (dataSource != null) {
        return new JdbcConversationStore(this, dataSource, null);
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(SqlDialect.withH2Settings(jdbcUrl));
      config.setUsername(username);
      config.setPassword(password);
      config.setMaximumPoolSize(maximumPoolSize);
      config.setPoolName("parley-conversation-store");
      HikariDataSource pool = new HikariDataSource(config);
      try {
        return new JdbcConversationStore(this, pool, pool);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
  }

  /** The data source the store runs on (the pool it built, or yours). */
  public DataSource dataSource() {
    return dataSource;
  }

  // ---- customers -----------------------------------------------------------------------------

  @Override
  public Customer customer(Recipient identity) {
    return transactions.inTransaction("load customer", c -> conversations.customer(c,
        conversations.ensure(c, identity).customerId()));
  }

  @Override
  public Optional<Customer> findCustomer(Recipient identity) {
    Objects.requireNonNull(identity, "identity");
    return transactions.inTransaction("find customer", c -> {
      Optional<Conversation> conversation = conversations.find(c, identity, false);
      return conversation.isEmpty() ? Optional.<Customer>empty()
          : Optional.of(conversations.customer(c, conversation.get().customerId()));
    });
  }

  @Override
  public Optional<Customer> findCustomerById(String customerId) {
    return transactions.inTransaction("find customer", c -> conversations.findCustomer(c, customerId));
  }

  @Override
  public Customer link(Recipient first, Recipient second) {
    return transactions.inTransaction("link identities", c -> {
      conversations.forgetHeld();
      conversations.ensure(c, first);
      conversations.ensure(c, second);
      // Lock both rows in key order, so two links of the same pair cannot deadlock.
      boolean firstBefore = first.key().compareTo(second.key()) <= 0;
      conversations.find(c, firstBefore ? first : second, true);
      conversations.find(c, firstBefore ? second : first, true);
      String survivor = conversations.find(c, first, false).orElseThrow().customerId();
      String merged = conversations.find(c, second, false).orElseThrow().customerId();
      if (!survivor.equals(merged)) {
        conversations.mergeCustomer(c, survivor, merged);
      }
      return conversations.customer(c, survivor);
    });
  }

  @Override
  public Customer updateProfile(String customerId, Profile update) {
    Objects.requireNonNull(update, "update");
    return transactions.inTransaction("update profile", c -> conversations.changeProfile(c, customerId, update, null));
  }

  @Override
  public Customer recordProfileFetch(String customerId, Profile fetched, Instant at) {
    Objects.requireNonNull(fetched, "fetched");
    Objects.requireNonNull(at, "at");
    return transactions.inTransaction("record profile", c -> conversations.changeProfile(c, customerId, fetched, at));
  }

  @Override
  public boolean eraseCustomer(String customerId) {
    return transactions.inTransaction("erase customer", c -> {
      conversations.forgetHeld();
      List<String> keys = conversations.recipientKeys(c, customerId);
      for (String key : keys) {
        for (String table : List.of("parley_timer", "parley_outbox", "parley_inbound_event")) {
          update(c, "DELETE FROM " + table + " WHERE recipient_key = ?", key);
        }
      }
      update(c, "DELETE FROM parley_message WHERE customer_id = ?", customerId);
      update(c, "DELETE FROM parley_conversation WHERE customer_id = ?", customerId);
      return update(c, "DELETE FROM parley_customer WHERE id = ?", customerId) > 0;
    });
  }

  static int update(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, parameter);
      return statement.executeUpdate();
    }
  }

  // ---- conversations ---------------------------------------------------------------------------

  @Override
  public Conversation conversation(Recipient recipient) {
    return transactions.inTransaction("load conversation", c -> conversations.conversation(c, recipient));
  }

  @Override
  public Optional<Conversation> findConversation(Recipient recipient) {
    Objects.requireNonNull(recipient, "recipient");
    return transactions.read("find conversation", c -> conversations.find(c, recipient, false));
  }

  @Override
  public List<Conversation> conversationsOwnedBy(Owner.Kind kind, int limit) {
    Objects.requireNonNull(kind, "kind");
    StoreArguments.checkLimit(limit);
    return transactions.inTransaction("list conversations", c -> JdbcConversations.ownedBy(c, kind, limit));
  }

  @Override
  public void recordInbound(Recipient from, Instant at) {
    Objects.requireNonNull(at, "at");
    transactions.inTransaction("record inbound time", c -> {
      conversations.ensureExists(c, from);
      conversations.recordInbound(c, from, at);
      return null;
    });
  }

  @Override
  public Optional<Instant> lastInbound(Recipient customer) {
    return findConversation(customer).map(Conversation::lastInboundAt);
  }

  // ---- history -------------------------------------------------------------------------------

  @Override
  public StoredMessage append(NewMessage message) {
    return history.append(message);
  }

  @Override
  public MessagePage history(String customerId, long beforeId, int limit) {
    return history.page(customerId, beforeId, limit);
  }

  @Override
  public Optional<StoredMessage> findMessage(String platformMessageId) {
    return history.find(platformMessageId);
  }

  @Override
  public boolean markSent(long messageId, String platformMessageId, Instant at) {
    return history.markSent(messageId, platformMessageId, at);
  }

  @Override
  public boolean updateDeliveryStatus(String platformMessageId, DeliveryStatus status, Instant at,
      String failureReason) {
    return history.updateStatus(platformMessageId, status, at, failureReason);
  }

  @Override
  public int updateDeliveryStatusUpTo(Recipient recipient, DeliveryStatus status, Instant watermark) {
    return history.updateStatusUpTo(recipient, status, watermark);
  }

  // ---- ownership and state ---------------------------------------------------------------------

  @Override
  public Ownership ownership(Recipient conversation) {
    return conversation(conversation).ownership();
  }

  @Override
  public Ownership assignOwner(Recipient conversation, Owner owner, String reason, Instant at) {
    Ownership ownership = new Ownership(owner, Timestamps.micros(at), reason);
    return transactions.inTransaction("assign owner", c -> {
      conversations.ensureExists(c, conversation);
      conversations.assignOwner(c, conversation, ownership);
      return ownership;
    });
  }

  @Override
  public ConversationState state(Recipient conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return transactions.inTransaction("load state", c -> conversations.state(c, conversation));
  }

  @Override
  public Optional<ConversationState> compareAndSetState(Recipient conversation, long expectedVersion, String data) {
    StoreArguments.checkState(expectedVersion, data);
    return transactions.inTransaction("save state", c -> {
      conversations.ensureExists(c, conversation);
      return conversations.compareAndSetState(c, conversation, expectedVersion, data);
    });
  }

  @Override
  public Optional<ConversationState> saveTurn(Recipient conversation, long expectedVersion, String data,
      List<QueuedReply> replies, String handledEventKey) {
    if (dialect != SqlDialect.POSTGRESQL || !JdbcTurnOnPostgres.folds(replies)) {
      // The calls one by one (the default checks the arguments), in one transaction bound to the thread.
      return transactions.holding("save turn", c -> ConversationStore.super.saveTurn(conversation, expectedVersion,
          data, replies, handledEventKey));
    }
    StoreArguments.checkTurn(conversation, expectedVersion, data, replies);
    return transactions.inTransaction("save turn", c -> JdbcTurnOnPostgres.save(c, conversations, conversation,
        expectedVersion, data, replies, handledEventKey));
  }

  @Override
  public <T> T withConversation(Recipient conversation, Function<Conversation, T> work) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(work, "work");
    return holds.hold(conversation, null, (held, none) -> work.apply(held));
  }

  @Override
  public <T> T withConversation(Recipient conversation, Entry event, BiFunction<Conversation, Standing, T> work) {
    StoreArguments.checkHeldEvent(conversation, event);
    Objects.requireNonNull(work, "work");
    return holds.hold(conversation, event, work);
  }

  // ---- timers, journal, outbox -------------------------------------------------------------------

  @Override
  public ConversationTimer schedule(String key, Recipient conversation, Instant dueAt, String payload) {
    return timersAndJournal.schedule(new ConversationTimer(key, conversation, Timestamps.micros(dueAt), payload));
  }

  @Override
  public boolean cancelTimer(String key) {
    return timersAndJournal.cancel(key);
  }

  @Override
  public Optional<ConversationTimer> findTimer(String key) {
    return timersAndJournal.findTimer(key);
  }

  @Override
  public List<ConversationTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    return timersAndJournal.claimDue(now, lease, limit);
  }

  @Override
  public boolean completeTimer(String key, String claimToken) {
    return timersAndJournal.complete(key, claimToken);
  }

  @Override
  public boolean record(String eventKey, Recipient from, Instant occurredAt, String rawJson) {
    return timersAndJournal.record(eventKey, from, occurredAt, rawJson);
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
  public List<Entry> unhandled(int limit) {
    return timersAndJournal.unhandled(limit, null);
  }

  @Override
  public List<Entry> unhandledAfter(Entry after, int limit) {
    return timersAndJournal.unhandled(limit, Objects.requireNonNull(after, "after"));
  }

  @Override
  public List<Entry> unhandledBefore(Entry event, int limit) {
    return timersAndJournal.unhandledBefore(event, limit);
  }

  @Override
  public Standing standing(Entry event) {
    return timersAndJournal.standing(event);
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  /** Closes the pool the store built; a data source you passed stays open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcConversationStore[" + (ownedPool != null ? "own pool" : "your data source") + ", clock " + clock + "]";
  }
}
