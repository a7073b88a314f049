package dev.parley.core.webhook;

import java.util.List;
import java.util.Objects;

/**
 * WhatsApp reported errors that are not about a sent message: a customer message it could not
 * deliver to the business ({@code type: unsupported}, with the customer as {@link #from()}), or an
 * account-level problem ({@code value.errors[]}, {@link #concernsCustomer()} false). Dedup key
 * {@code wamid:<wamid>} for a message, {@code raw:<hash>} otherwise.
 *
 * <p>Immutable and thread-safe.
 *
 * @param envelope customer (or the business), time, dedup key, raw JSON
 * @param errors what went wrong, possibly empty
 */
public record ErrorNotice(EventEnvelope envelope, List<InboundError> errors) implements InboundEvent {

  public ErrorNotice {
    Objects.requireNonNull(envelope, "envelope");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
