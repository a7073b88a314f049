package dev.parley.core.internal.webhook;

import dev.parley.core.InvalidRequestException;

/** A webhook body that is not a JSON object with an {@code object} field; the handler answers 400. */
public final class MalformedPayloadException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
