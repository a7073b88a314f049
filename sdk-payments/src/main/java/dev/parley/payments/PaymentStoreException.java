package dev.parley.payments;

import dev.parley.core.ParleyException;

/** The payment database failed (connection lost, constraint broken). Transient for the caller: try again. */
final class PaymentStoreException extends ParleyException {
  private static final long serialVersionUID = 1L;

  PaymentStoreException(String message, Throwable cause) {
    super(message, new PlatformError(0, null, null, null, true), cause);
  }
}
