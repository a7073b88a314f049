package dev.parley.core.internal.send;

import dev.parley.core.ConnectionException;
import dev.parley.core.ParleyException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The blocking calls' wait for their asynchronous twins: Parley's exceptions come out as they are. */
public final class Blocking {
  private Blocking() {}

  /**
   * The future's value; its {@link ParleyException} thrown as it is. An interrupt cancels the future,
   * keeps the thread's flag and throws {@link ConnectionException}.
   *
   * @param what what is awaited, for the messages: "send", "upload"
   */
  public static <T> T await(Future<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted while waiting for the " + what + "'s answer", e);
    } catch (CancellationException e) {
      throw new ConnectionException("the " + what + " was cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ParleyException parley) {
        throw parley;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new ParleyException(what + " failed: " + cause, cause);
    }
  }
}
