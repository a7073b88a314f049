package dev.parley.core.internal.send;

import dev.parley.core.Recipient;
import dev.parley.core.SendOptions;
import dev.parley.core.SendReceipt;
import dev.parley.core.SenderAction;
import dev.parley.core.message.Message;
import java.util.concurrent.CompletableFuture;

/**
 * The send path behind {@code Parley}: policy, rendering, rate limits, HTTP and retries.
 *
 * <p>Public for wiring only. Thread-safe.
 */
public final class SendEngine {
  private final SendConfig config;

  private SendEngine(SendConfig config) {
    this.config = config;
  }

  public static SendEngine create(SendConfig config) {
    return new SendEngine(config);
  }

  /** An engine for another configuration sharing this one's HTTP client and rate-limit state. */
  public SendEngine derive(SendConfig config) {
    return new SendEngine(config);
  }

  public CompletableFuture<SendReceipt> send(Recipient recipient, Message message, SendOptions options) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<SendReceipt> sendRaw(Recipient recipient, String requestBodyJson) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> senderAction(Recipient recipient, SenderAction action) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public String toString() {
    return "SendEngine{" + config + "}";
  }
}
