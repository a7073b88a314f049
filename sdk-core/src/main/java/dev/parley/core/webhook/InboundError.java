package dev.parley.core.webhook;

/**
 * An error the platform reported inside a webhook: why a WhatsApp message failed
 * ({@code 131047}: more than 24 hours since the customer last wrote), or an account-level problem.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the platform's numeric code, or null
 * @param title the short title, or null
 * @param message the message, or null
 * @param details {@code error_data.details}, the most specific explanation, or null
 */
public record InboundError(Integer code, String title, String message, String details) {}
