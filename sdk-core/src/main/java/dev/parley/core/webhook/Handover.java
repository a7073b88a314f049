package dev.parley.core.webhook;

import java.util.Objects;

/**
 * A Messenger Handover Protocol (Conversation Routing) event: thread control passed to an app,
 * taken by an app, or requested from the owner. Dedup key {@code handover:<psid>:<kind>:<timestamp>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer, time, dedup key, raw JSON
 * @param kind pass, take or request
 * @param previousOwnerAppId the app that owned the thread, or null (idle thread, or a request)
 * @param newOwnerAppId the app that owns it now, or the app asking for it (request), or null
 * @param metadata the metadata the acting app sent, or null
 */
public record Handover(EventEnvelope envelope, Kind kind, String previousOwnerAppId, String newOwnerAppId, String metadata)
    implements InboundEvent {

  /** Which handover happened. */
  public enum Kind {
    /** {@code pass_thread_control}: an app gave the thread to another. */
    PASS_THREAD_CONTROL,
    /** {@code take_thread_control}: the primary app took the thread back. */
    TAKE_THREAD_CONTROL,
    /** {@code request_thread_control}: an app asks the owner for the thread. */
    REQUEST_THREAD_CONTROL
  }

  public Handover {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(kind, "kind");
  }
}
