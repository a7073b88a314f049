package dev.parley.core.conversation;

import dev.parley.core.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A person the business talks to, with every channel identity known to be theirs (a page-scoped id
 * per Messenger page, a WhatsApp id per number). Identities {@linkplain
 * ConversationStore#link(Recipient, Recipient) linked} to one customer share one history. Values,
 * thread-safe.
 *
 * @param id the store's id for the customer, stable until the customer is erased
 * @param profile what is known about the person
 * @param identities the customer's channel identities, oldest first; never empty
 * @param createdAt when the store first saw the customer
 * @param profileFetchedAt when the profile was last fetched from a platform API, or null if never
 */
public record Customer(String id, Profile profile, List<Recipient> identities, Instant createdAt,
    Instant profileFetchedAt) {

  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(profile, "profile");
    identities = List.copyOf(identities);
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("customer " + id + " has no channel identity");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** True once a platform profile was fetched for this customer, so it is not fetched again. */
  public boolean profileFetched() {
    return profileFetchedAt != null;
  }
}
