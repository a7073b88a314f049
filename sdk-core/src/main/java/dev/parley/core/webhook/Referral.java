package dev.parley.core.webhook;

import java.util.Objects;

/**
 * A customer already in a Messenger conversation came back through a link, an ad or a plugin
 * ({@code referral} event). Dedup key {@code referral:<psid>:<timestamp>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param details where the customer came from
 */
public record Referral(EventEnvelope envelope, ReferralDetails details) implements InboundEvent {

  public Referral {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(details, "details");
  }
}
