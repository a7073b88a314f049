package dev.parley.core;

import java.time.Duration;

/**
 * Runs a task after a delay without blocking the caller: the send path's only source of waiting
 * (retry backoff, rate-limit slots). The default is one daemon thread; tests pass a virtual-time
 * implementation together with a matching {@link java.time.Clock} so that waits cost no real time.
 * Implementations must be thread-safe and must not run the task on the calling thread when
 * {@code delay} is positive.
 */
@FunctionalInterface
public interface DelayScheduler {
  /** Runs {@code task} once, {@code delay} from now. */
  void schedule(Duration delay, Runnable task);
}
