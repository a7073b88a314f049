package dev.parley.core.conversation;

import static dev.parley.core.conversation.JdbcColumns.instant;
import static dev.parley.core.conversation.JdbcColumns.setInstant;

import dev.parley.core.Recipient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of customers and conversations, on a connection the caller's transaction owns. Stateless
 * apart from the clock; thread-safe.
 */
final class JdbcConversations {
  static final String COLUMNS = "recipient_key, customer_id, owner_kind, owner_agent, owner_since,"
      + " owner_reason, started_at, last_inbound_at, last_message_at";
  /** {@link #lockAndHold}'s statement: one parameter, the recipient's key; {@link #hold} reads it. */
  static final String LOCK = "SELECT " + COLUMNS + ", state_version, state_data"
      + " FROM parley_conversation WHERE recipient_key = ? FOR UPDATE";

  private final Clock clock;
  /**
   * The conversation the calling thread holds locked in its bound transaction ({@code withConversation}),
   * with what the lock's read told: it exists, its customer, its state. Saves the turn's store calls
   * from reading the row again on every step; null outside a hold.
   */
  private final ThreadLocal<Held> held = new ThreadLocal<>();

  JdbcConversations(Clock clock) {
    this.clock = clock;
  }

  /**
   * What the hold knows of its conversation. {@code conversation} and {@code state} follow the
   * transaction's own writes (times, owner, compare-and-set); nothing else can change the row while it
   * is locked. Confined to one thread.
   */
  static final class Held {
    Conversation conversation;
    ConversationState state;
    final Held previous;

    private Held(Conversation conversation, ConversationState state, Held previous) {
      this.conversation = conversation;
      this.state = state;
      this.previous = previous;
    }
  }

  /**
   * Locks {@code recipient}'s row in the caller's transaction and makes it the thread's held
   * conversation, until {@link #release}; empty (nothing held) if there is no such conversation.
   */
  Optional<Conversation> lockAndHold(Connection c, Recipient recipient) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(LOCK)) {
      select.setString(1, recipient.key());
      try (ResultSet rs = select.executeQuery()) {
        return hold(rs);
      }
    }
  }

  /** Makes the row {@link #LOCK} read, if any, the thread's held conversation; empty if it read none. */
  Optional<Conversation> hold(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return Optional.empty();
    }
    Conversation conversation = toConversation(rs);
    long version = rs.getLong("state_version");
    ConversationState state = version == 0 ? ConversationState.NONE
        : new ConversationState(version, rs.getString("state_data"));
    held.set(new Held(conversation, state, held.get()));
    return Optional.of(conversation);
  }

  /** Ends the innermost hold of the calling thread. */
  void release() {
    Held current = held.get();
    if (current == null || current.previous == null) {
      held.remove();
    } else {
      held.set(current.previous);
    }
  }

  /**
   * Forgets what the holds of the calling thread know (customers were merged or erased in the
   * transaction): later calls read the rows again.
   */
  void forgetHeld() {
    held.remove();
  }

  private Held heldFor(Recipient recipient) {
    Held current = held.get();
    return current != null && current.conversation.recipient().equals(recipient) ? current : null;
  }

  /** The customer of {@code recipient}'s conversation, created if missing; no read inside its hold. */
  String customerId(Connection c, Recipient recipient) throws SQLException {
    Held current = heldFor(recipient);
    return current != null ? current.conversation.customerId() : ensure(c, recipient).customerId();
  }

  /** Makes sure {@code recipient}'s conversation exists; no read inside its hold. */
  void ensureExists(Connection c, Recipient recipient) throws SQLException {
    if (heldFor(recipient) == null) {
      ensure(c, recipient);
    }
  }

  /** The conversation with {@code recipient}, created if missing; no read inside its hold. */
  Conversation conversation(Connection c, Recipient recipient) throws SQLException {
    Held current = heldFor(recipient);
    return current != null ? current.conversation : ensure(c, recipient);
  }

  /** The conversation with {@code recipient}, created with a new customer if missing. */
  Conversation ensure(Connection c, Recipient recipient) throws SQLException {
    if (recipient == null) {
      throw new NullPointerException("recipient");
    }
    Optional<Conversation> existing = find(c, recipient, false);
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = Timestamps.micros(clock.instant());
    String customerId = UUID.randomUUID().toString();
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO parley_customer (id, created_at) VALUES (?, ?)")) {
      insert.setString(1, customerId);
      setInstant(insert, 2, now);
      insert.executeUpdate();
    }
    int inserted;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO parley_conversation (recipient_key,"
        + " customer_id, owner_kind, owner_since, owner_reason, started_at, state_version)"
        + " VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
      insert.setString(1, recipient.key());
      insert.setString(2, customerId);
      insert.setString(3, Owner.Kind.BOT.name());
      setInstant(insert, 4, now);
      insert.setString(5, StoreArguments.NEW_CONVERSATION);
      setInstant(insert, 6, now);
      inserted = insert.executeUpdate();
    }
    if (inserted == 0) {
      // Another transaction created it first; drop our customer row and use theirs.
      JdbcConversationStore.update(c, "DELETE FROM parley_customer WHERE id = ?", customerId);
    }
    return find(c, recipient, false).orElseThrow();
  }

  Optional<Conversation> find(Connection c, Recipient recipient, boolean lock) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
        + " FROM parley_conversation WHERE recipient_key = ?" + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, recipient.key());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(toConversation(rs)) : Optional.empty();
      }
    }
  }

  static Conversation toConversation(ResultSet rs) throws SQLException {
    Owner.Kind kind = Owner.Kind.valueOf(rs.getString("owner_kind"));
    Owner owner = new Owner(kind, rs.getString("owner_agent"));
    return new Conversation(JdbcColumns.recipient(rs, "recipient_key"), rs.getString("customer_id"),
        new Ownership(owner, instant(rs, "owner_since"), rs.getString("owner_reason")),
        instant(rs, "started_at"), instant(rs, "last_inbound_at"), instant(rs, "last_message_at"));
  }

  Customer customer(Connection c, String customerId) throws SQLException {
    return findCustomer(c, customerId).orElseThrow(() ->
        new IllegalStateException("customer " + customerId + " disappeared in a transaction"));
  }

  Optional<Customer> findCustomer(Connection c, String customerId) throws SQLException {
    return findCustomer(c, customerId, false);
  }

  private Optional<Customer> findCustomer(Connection c, String customerId, boolean lock) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT id, name, picture_url, phone, email, created_at,"
        + " profile_fetched_at FROM parley_customer WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, customerId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Profile profile = new Profile(rs.getString("name"), rs.getString("picture_url"), rs.getString("phone"),
            rs.getString("email"));
        List<Recipient> identities = recipientKeys(c, customerId).stream().map(JdbcColumns::recipient).toList();
        return Optional.of(new Customer(customerId, profile, identities, instant(rs, "created_at"),
            instant(rs, "profile_fetched_at")));
      }
    }
  }

  List<String> recipientKeys(Connection c, String customerId) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT recipient_key FROM parley_conversation"
        + " WHERE customer_id = ? ORDER BY started_at, recipient_key")) {
      select.setString(1, customerId);
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
      return keys;
    }
  }

  Customer changeProfile(Connection c, String customerId, Profile update, Instant fetchedAt) throws SQLException {
    Customer current = findCustomer(c, customerId, true).orElseThrow(() ->
        new IllegalArgumentException("no customer with id '" + customerId + "'"));
    writeProfile(c, customerId, current.profile().mergedWith(update),
        fetchedAt != null ? Timestamps.micros(fetchedAt) : current.profileFetchedAt());
    return customer(c, customerId);
  }

  private void writeProfile(Connection c, String customerId, Profile profile, Instant fetchedAt) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_customer SET name = ?, picture_url = ?,"
        + " phone = ?, email = ?, profile_fetched_at = ? WHERE id = ?")) {
      update.setString(1, profile.name());
      update.setString(2, profile.pictureUrl());
      update.setString(3, profile.phone());
      update.setString(4, profile.email());
      setInstant(update, 5, fetchedAt);
      update.setString(6, customerId);
      update.executeUpdate();
    }
  }

  /** Moves everything of customer {@code merged} to {@code survivor} and deletes {@code merged}. */
  void mergeCustomer(Connection c, String survivor, String merged) throws SQLException {
    Customer kept = findCustomer(c, survivor, true).orElseThrow();
    Customer gone = findCustomer(c, merged, true).orElseThrow();
    writeProfile(c, survivor, kept.profile().filledFrom(gone.profile()),
        kept.profileFetchedAt() != null ? kept.profileFetchedAt() : gone.profileFetchedAt());
    for (String table : List.of("parley_conversation", "parley_message")) {
      try (PreparedStatement move = c.prepareStatement("UPDATE " + table + " SET customer_id = ? WHERE customer_id = ?")) {
        move.setString(1, survivor);
        move.setString(2, merged);
        move.executeUpdate();
      }
    }
    JdbcConversationStore.update(c, "DELETE FROM parley_customer WHERE id = ?", merged);
  }

  void recordInbound(Connection c, Recipient from, Instant at) throws SQLException {
    moveForward(c, "last_inbound_at", from, at);
    Held current = heldFor(from);
    if (current != null) {
      Conversation was = current.conversation;
      current.conversation = new Conversation(was.recipient(), was.customerId(), was.ownership(), was.startedAt(),
          later(was.lastInboundAt(), at), was.lastMessageAt());
    }
  }

  /** What a time column holds after {@link #moveForward} to {@code at}. */
  private static Instant later(Instant column, Instant at) {
    Instant stored = Timestamps.micros(at);
    return column == null || column.isBefore(stored) ? stored : column;
  }

  /** Both the last message and the last inbound time moved forward to {@code at}, in one statement. */
  void recordInboundMessageTime(Connection c, Recipient from, Instant at) throws SQLException {
    recordMessageTime(c, from, at, true);
  }

  void recordMessageTime(Connection c, Recipient conversation, Instant at) throws SQLException {
    recordMessageTime(c, conversation, at, false);
  }

  private void recordMessageTime(Connection c, Recipient conversation, Instant at, boolean inbound)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(messageTimeUpdate(inbound))) {
      bindMessageTime(update, 1, conversation, at, inbound);
      update.executeUpdate();
    }
    heldMessageTime(conversation, at, inbound);
  }

  /**
   * The statement that moves the conversation's last message time (and, for a customer's message,
   * its last inbound time) forward to a message's time, for a statement that folds it in; its
   * parameters are bound by {@link #bindMessageTime}. It ends with its WHERE clause's condition.
   */
  static String messageTimeUpdate(boolean inbound) {
    if (inbound) {
      return "UPDATE parley_conversation SET"
          + " last_message_at = CASE WHEN last_message_at IS NULL OR last_message_at < ? THEN ? ELSE last_message_at END,"
          + " last_inbound_at = CASE WHEN last_inbound_at IS NULL OR last_inbound_at < ? THEN ? ELSE last_inbound_at END"
          + " WHERE recipient_key = ? AND (last_message_at IS NULL OR last_message_at < ? OR last_inbound_at IS NULL"
          + " OR last_inbound_at < ?)";
    }
    return "UPDATE parley_conversation SET last_message_at = ? WHERE recipient_key = ?"
        + " AND (last_message_at IS NULL OR last_message_at < ?)";
  }

  /** Binds {@link #messageTimeUpdate}'s parameters from index {@code first}; returns the next index. */
  static int bindMessageTime(PreparedStatement update, int first, Recipient conversation, Instant at, boolean inbound)
      throws SQLException {
    int i = first;
    setInstant(update, i++, at);
    if (inbound) {
      for (int k = 0; k < 3; k++) {
        setInstant(update, i++, at);
      }
    }
    update.setString(i++, conversation.key());
    setInstant(update, i++, at);
    if (inbound) {
      setInstant(update, i++, at);
    }
    return i;
  }

  /** What {@link #messageTimeUpdate} wrote, told to the hold on the conversation, if the thread has one. */
  void heldMessageTime(Recipient conversation, Instant at, boolean inbound) {
    Held current = heldFor(conversation);
    if (current != null) {
      Conversation was = current.conversation;
      current.conversation = new Conversation(was.recipient(), was.customerId(), was.ownership(), was.startedAt(),
          inbound ? later(was.lastInboundAt(), at) : was.lastInboundAt(), later(was.lastMessageAt(), at));
    }
  }

  /** Sets a time column of the conversation to {@code at} unless it already holds a later time. */
  private static void moveForward(Connection c, String column, Recipient conversation, Instant at) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_conversation SET " + column + " = ?"
        + " WHERE recipient_key = ? AND (" + column + " IS NULL OR " + column + " < ?)")) {
      setInstant(update, 1, at);
      update.setString(2, conversation.key());
      setInstant(update, 3, at);
      update.executeUpdate();
    }
  }

  void assignOwner(Connection c, Recipient conversation, Ownership ownership) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_conversation SET owner_kind = ?,"
        + " owner_agent = ?, owner_since = ?, owner_reason = ? WHERE recipient_key = ?")) {
      update.setString(1, ownership.owner().kind().name());
      update.setString(2, ownership.owner().agentName());
      setInstant(update, 3, ownership.since());
      update.setString(4, ownership.reason());
      update.setString(5, conversation.key());
      update.executeUpdate();
    }
    Held current = heldFor(conversation);
    if (current != null) {
      Conversation was = current.conversation;
      Ownership stored = new Ownership(ownership.owner(), Timestamps.micros(ownership.since()), ownership.reason());
      current.conversation = new Conversation(was.recipient(), was.customerId(), stored, was.startedAt(),
          was.lastInboundAt(), was.lastMessageAt());
    }
  }

  ConversationState state(Connection c, Recipient conversation) throws SQLException {
    Held current = heldFor(conversation);
    if (current != null) {
      return current.state;
    }
    try (PreparedStatement select = c.prepareStatement(
        "SELECT state_version, state_data FROM parley_conversation WHERE recipient_key = ?")) {
      select.setString(1, conversation.key());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next() || rs.getLong(1) == 0) {
          return ConversationState.NONE;
        }
        return new ConversationState(rs.getLong(1), rs.getString(2));
      }
    }
  }

  Optional<ConversationState> compareAndSetState(Connection c, Recipient conversation, long expectedVersion,
      String data) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE parley_conversation SET state_version = ?,"
        + " state_data = ? WHERE recipient_key = ? AND state_version = ?")) {
      update.setLong(1, expectedVersion + 1);
      update.setString(2, data);
      update.setString(3, conversation.key());
      update.setLong(4, expectedVersion);
      if (update.executeUpdate() != 1) {
        return Optional.empty();
      }
      ConversationState saved = new ConversationState(expectedVersion + 1, data);
      heldState(conversation, saved);
      return Optional.of(saved);
    }
  }

  /** A state written over the held one, told to the hold on the conversation, if the thread has one. */
  void heldState(Recipient conversation, ConversationState saved) {
    Held current = heldFor(conversation);
    if (current != null) {
      current.state = saved;
    }
  }

  /** Conversations owned by {@code kind}, most recently active first, at most {@code limit}. */
  static List<Conversation> ownedBy(Connection c, Owner.Kind kind, int limit) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
        + " FROM parley_conversation WHERE owner_kind = ?"
        + " ORDER BY COALESCE(last_message_at, started_at) DESC, recipient_key LIMIT ?")) {
      select.setString(1, kind.name());
      select.setInt(2, limit);
      List<Conversation> result = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          result.add(toConversation(rs));
        }
      }
      return result;
    }
  }
}
