package dev.parley.core.internal.send;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@link #cancel} also runs the current cancel action: cancelling the HTTP call in
 * flight. Futures derived from it ({@code thenApply}, ...) are plain ones. Thread-safe.
 */
final class CancellableFuture<T> extends CompletableFuture<T> {
  private volatile Runnable cancelAction;

  /** Sets what {@link #cancel} must stop now; runs it at once if this future is already cancelled. */
  void onCancel(Runnable action) {
    this.cancelAction = action;
    if (isCancelled()) {
      action.run();
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Runnable action = cancelAction;
    if (cancelled && action != null) {
      action.run();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
