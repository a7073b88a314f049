package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The customers of an {@link InMemoryConversationStore} and the conversations through which they are
 * known: each identity (a {@link Recipient}) has one conversation row naming its customer, so linking
 * two identities moves rows from one customer to the other and erasing a customer drops its rows. Not
 * thread-safe: the store calls it under its lock, which also guards the history.
 */
final class InMemoryCustomers {
  private final Clock clock;
  private final Map<String, CustomerRow> customers = new HashMap<>();
  private final Map<Recipient, ConversationRow> conversations = new LinkedHashMap<>();

  InMemoryCustomers(Clock clock) {
    this.clock = clock;
  }

  private static final class CustomerRow {
    Profile profile = Profile.EMPTY;
    Instant createdAt;
    Instant profileFetchedAt;
  }

  /** One identity's conversation; the store reads and updates its fields under its lock. */
  static final class ConversationRow {
    Recipient recipient;
    String customerId;
    Ownership ownership;
    Instant startedAt;
    Instant lastInboundAt;
    Instant lastMessageAt;
    ConversationState state = ConversationState.NONE;

    Conversation toConversation() {
      return new Conversation(recipient, customerId, ownership, startedAt, lastInboundAt, lastMessageAt);
    }
  }

  /** The conversation of {@code recipient}, created with a new customer, owned by the bot, the first time. */
  ConversationRow row(Recipient recipient) {
    Objects.requireNonNull(recipient, "recipient");
    ConversationRow row = conversations.get(recipient);
    if (row == null) {
      Instant now = Timestamps.micros(clock.instant());
      CustomerRow customer = new CustomerRow();
      customer.createdAt = now;
      String customerId = UUID.randomUUID().toString();
      customers.put(customerId, customer);
      row = new ConversationRow();
      row.recipient = recipient;
      row.customerId = customerId;
      row.startedAt = now;
      row.ownership = new Ownership(Owner.bot(), now, StoreArguments.NEW_CONVERSATION);
      conversations.put(recipient, row);
    }
    return row;
  }

  /** The conversation of {@code recipient}; null if it has none yet. */
  ConversationRow find(Recipient recipient) {
    return conversations.get(recipient);
  }

  /** Every conversation, in the order they started. */
  Collection<ConversationRow> rows() {
    return conversations.values();
  }

  boolean exists(String customerId) {
    return customers.containsKey(customerId);
  }

  /** The customer {@code customerId}, with its identities oldest first; it must exist. */
  Customer customer(String customerId) {
    CustomerRow row = customers.get(customerId);
    List<Recipient> identities = conversations.values().stream()
        .filter(c -> c.customerId.equals(customerId))
        .sorted(Comparator.comparing((ConversationRow c) -> c.startedAt).thenComparing(c -> c.recipient.key()))
        .map(c -> c.recipient)
        .toList();
    return new Customer(customerId, row.profile, identities, row.createdAt, row.profileFetchedAt);
  }

  /**
   * Folds the customer {@code merged} into {@code survivor}: the survivor's profile fields win, the
   * merged one's fill its gaps, and every identity of {@code merged} becomes the survivor's.
   */
  void merge(String merged, String survivor) {
    CustomerRow kept = customers.get(survivor);
    CustomerRow gone = customers.remove(merged);
    kept.profile = kept.profile.filledFrom(gone.profile);
    kept.profileFetchedAt = kept.profileFetchedAt != null ? kept.profileFetchedAt : gone.profileFetchedAt;
    conversations.values().stream().filter(c -> c.customerId.equals(merged)).forEach(c -> c.customerId = survivor);
  }

  /** Merges {@code update} into the customer's profile and, if {@code fetchedAt} is not null, notes the fetch. */
  Customer changeProfile(String customerId, Profile update, Instant fetchedAt) {
    CustomerRow row = customers.get(customerId);
    if (row == null) {
      throw new IllegalArgumentException("no customer with id '" + customerId + "'");
    }
    row.profile = row.profile.mergedWith(update);
    if (fetchedAt != null) {
      row.profileFetchedAt = Timestamps.micros(fetchedAt);
    }
    return customer(customerId);
  }

  /** Forgets the customer and its conversations; the identities it had, or null if there is no such customer. */
  Set<Recipient> erase(String customerId) {
    if (customers.remove(customerId) == null) {
      return null;
    }
    Set<Recipient> identities = new HashSet<>();
    conversations.values().removeIf(c -> c.customerId.equals(customerId) && identities.add(c.recipient));
    return identities;
  }
}
