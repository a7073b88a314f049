package dev.parley.core.internal.send;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@link #cancel} also tells its {@link Canceller}: the transmission behind it, which
 * cancels the HTTP call in flight. Futures derived from it ({@code thenApply}, ...) are plain ones.
 * Thread-safe.
 */
final class CancellableFuture<T> extends CompletableFuture<T> {
  private volatile Canceller canceller;

  /** What a cancellation must stop; a type of its own so that a transmission can be its own (no object per send). */
  interface Canceller {
    /** The future was cancelled: stop what is in flight. May run on any thread, more than once. */
    void cancelled();
  }

  /** Sets who {@link #cancel} must tell; tells it at once if this future is already cancelled. */
  void onCancel(Canceller canceller) {
    this.canceller = canceller;
    if (isCancelled()) {
      canceller.cancelled();
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Canceller current = canceller;
    if (cancelled && current != null) {
      current.cancelled();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
