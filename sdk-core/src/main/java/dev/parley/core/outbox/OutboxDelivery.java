package dev.parley.core.outbox;

import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.message.Message;
import java.util.concurrent.CompletionStage;

/**
 * How the outbox hands a message to the send path. {@link dev.parley.core.Parley} satisfies it:
 * {@code parley::sendAsync}. The stage completes when the platform accepted the message, or
 * exceptionally with the {@link dev.parley.core.ParleyException} saying why not; the outbox retries
 * the retryable ones and parks the rest. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface OutboxDelivery {
  CompletionStage<SendReceipt> deliver(Recipient recipient, Message message);
}
