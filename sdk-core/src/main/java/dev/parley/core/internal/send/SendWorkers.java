package dev.parley.core.internal.send;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that make the HTTP calls of the send path: a fixed pool of daemon workers that end
 * after a minute idle, fed by one line of tasks, and the bound on how far callers may run ahead of
 * them.
 *
 * <p>The bound: a caller that submits a send while more than {@code high} tasks wait for a worker
 * waits, before its send is queued, until the line is down to {@code low}, or at most
 * {@code maxWait} per send (one wake-up per {@code high - low} sends, not one per send). Without it, a caller that submits tens of thousands of sends at once
 * keeps each of them (future, request body, step state) alive for seconds, and the young collections
 * copy them again and again: on two cores that cost more than the sends themselves. Parley's own
 * threads never wait (a callback on a worker may be the thread that makes room), and no wait is
 * longer than {@code maxWait}, so a caller whose callbacks block the workers is slowed, never
 * deadlocked. Thread-safe.
 */
final class SendWorkers implements Executor {
  /** How many queued tasks per worker a caller may run ahead before it waits. */
  static final int AHEAD_PER_WORKER = 64;
  /** The longest a caller waits for room per send. */
  static final Duration MAX_WAIT = Duration.ofMillis(100);
  private static final AtomicInteger numbers = new AtomicInteger();

  private final ThreadPoolExecutor pool;
  private final LinkedBlockingQueue<Runnable> line = new LinkedBlockingQueue<>();
  private final int high;
  private final int low;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  /** Callers waiting for room; written under {@link #lock}, read by every worker before each task. */
  private volatile int waiters;

  SendWorkers(int threads, int high, int low, Duration maxWait) {
    if (threads < 1 || low < 0 || high < low) {
      throw new IllegalArgumentException(threads + " threads, line " + low + " to " + high);
    }
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, line,
        runnable -> new SendThread(runnable, "parley-send-" + numbers.incrementAndGet())) {
      @Override
      protected void beforeExecute(Thread worker, Runnable task) {
        // the task was just taken from the line: a caller waiting for room may go on
        if (waiters > 0 && line.size() <= SendWorkers.this.low) {
          wakeCallers();
        }
      }
    };
    pool.allowCoreThreadTimeOut(true);
    this.high = high;
    this.low = low;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /** {@code threads} workers; callers may run {@value #AHEAD_PER_WORKER} tasks per worker ahead. */
  static SendWorkers of(int threads) {
    int high = AHEAD_PER_WORKER * threads;
    return new SendWorkers(threads, high, high / 2, MAX_WAIT);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /**
   * Before a caller queues a new send: returns at once while the line is short (one read of its
   * length) or on Parley's own threads; otherwise waits until a worker, taking a task, finds the line
   * down to {@code low}, or {@code maxWait} has passed, or the caller is interrupted (its interrupt
   * status is kept).
   */
  void awaitRoom() {
    if (line.size() <= high || Thread.currentThread() instanceof SendThread) {
      return;
    }
    lock.lock();
    try {
      waiters++; // before reading the line's length: a worker that took a task since will see it
      long left = maxWaitNanos;
      while (line.size() > low && left > 0) {
        left = room.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiters--;
      lock.unlock();
    }
  }

  private void wakeCallers() {
    lock.lock();
    try {
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Tasks waiting for a worker. */
  int waiting() {
    return line.size();
  }

  /** A thread of the send path (a worker or the default scheduler): it never waits for room in the line. */
  static final class SendThread extends Thread {
    SendThread(Runnable task, String name) {
      super(task, name);
      setDaemon(true);
    }
  }

  @Override
  public String toString() {
    return "SendWorkers{" + pool.getMaximumPoolSize() + " threads, " + line.size() + " waiting}";
  }
}
