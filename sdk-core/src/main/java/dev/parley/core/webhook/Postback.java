package dev.parley.core.webhook;

import java.util.Objects;

/**
 * The customer tapped a Messenger postback button (or the Get Started button, or a persistent menu
 * item). Dedup key {@code mid:<mid>}, or {@code postback:<psid>:<timestamp>} when Meta sent no mid.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param messageId the postback's {@code mid}, or null (older API versions)
 * @param title the button's title, or null
 * @param payload the payload the button was created with, or null
 * @param referral the link or ad that opened the conversation (Get Started), or null
 */
public record Postback(EventEnvelope envelope, String messageId, String title, String payload, ReferralDetails referral)
    implements InboundEvent {

  public Postback {
    Objects.requireNonNull(envelope, "envelope");
  }
}
