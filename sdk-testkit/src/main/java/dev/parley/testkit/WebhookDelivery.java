package dev.parley.testkit;

import java.util.Objects;

/**
 * One webhook the sandbox delivered (or tried to) to the merchant's endpoint: what it was, the
 * signed body and signature header exactly as sent, and how it went. Immutable and thread-safe.
 *
 * @param sequence delivery order, starting at 1; a duplicate gets its own number
 * @param kind what it carries, e.g. {@code messenger.message}, {@code messenger.postback},
 *     {@code whatsapp.message}, {@code whatsapp.status}, {@code stripe.checkout.session.completed}
 * @param eventId the event's id: a Messenger {@code mid}, a WhatsApp {@code wamid}, a Stripe {@code evt_} id
 *     (read and delivery watermarks have none: null)
 * @param target the URL it was posted to, or null when no endpoint was configured
 * @param body the exact bytes posted, as text
 * @param signatureHeader the {@code X-Hub-Signature-256} or {@code Stripe-Signature} value sent
 * @param state how the delivery went
 * @param status the HTTP status the endpoint answered, 0 when there was no answer
 * @param duplicate true for the extra copy of a delivery made by {@link Fault#duplicateWebhooks()}
 */
public record WebhookDelivery(long sequence, String kind, String eventId, String target, String body,
    String signatureHeader, State state, int status, boolean duplicate) {

  /** What happened to a delivery. */
  public enum State {
    /** The endpoint answered (any status: check {@code status}). */
    ANSWERED,
    /** The endpoint could not be reached or did not answer in time. */
    FAILED,
    /** No webhook URL is configured for this platform; the event only changed the sandbox's state. */
    NO_TARGET,
    /** Held back by {@link Fault#reorderWebhooks(int)}; it goes out later, out of order. */
    HELD
  }

  public WebhookDelivery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
  }

  /** True when the endpoint answered with a 2xx status. */
  public boolean accepted() {
    return state == State.ANSWERED && status >= 200 && status < 300;
  }
}
