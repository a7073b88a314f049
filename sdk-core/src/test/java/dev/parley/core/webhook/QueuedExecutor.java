package dev.parley.core.webhook;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} that holds tasks until the test runs them, so a test can see what the
 * handler did before any work ran and then run the work deterministically.
 */
final class QueuedExecutor implements Executor {

  private final Queue<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
  }

  synchronized int pending() {
    return tasks.size();
  }

  /** Runs every queued task, including tasks queued meanwhile; returns how many ran. */
  int runAll() {
    int ran = 0;
    Runnable task;
    while ((task = poll()) != null) {
      task.run();
      ran++;
    }
    return ran;
  }

  private synchronized Runnable poll() {
    return tasks.poll();
  }
}
