package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.SenderAction;
import java.util.concurrent.CompletionStage;

/**
 * Where the bot sends signals that are not messages (the typing indicator, "seen"). They go out at
 * once, not through the outbox: they mean nothing later. {@link dev.parley.core.Parley} satisfies
 * it: {@code parley::senderActionAsync}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SenderActions {
  /** Sends nothing. */
  SenderActions NONE = (recipient, action) -> java.util.concurrent.CompletableFuture.completedFuture(null);

  CompletionStage<Void> send(Recipient recipient, SenderAction action);
}
