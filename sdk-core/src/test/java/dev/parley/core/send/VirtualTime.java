package dev.parley.core.send;

import dev.parley.core.DelayScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock and a scheduler on virtual time, for retry and rate-limit tests that must not sleep:
 * scheduled tasks run only when a test {@link #drive drives} time forward, and the clock jumps to
 * each task's due time. Records every delay it was asked for. Thread-safe.
 */
public final class VirtualTime extends Clock implements DelayScheduler {
  private record Task(Instant due, long sequence, Runnable runnable) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      (a, b) -> a.due.equals(b.due) ? Long.compare(a.sequence, b.sequence) : a.due.compareTo(b.due));
  private final List<Duration> delays = new ArrayList<>();
  private volatile Instant now;
  private long sequence;

  public VirtualTime(Instant start) {
    this.now = start;
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    lock.lock();
    try {
      delays.add(delay);
      tasks.add(new Task(now.plus(delay), sequence++, task));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Runs scheduled tasks in due order, moving the clock, until {@code future} completes. */
  public void drive(Future<?> future) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!future.isDone()) {
      Task task;
      lock.lock();
      try {
        while (tasks.isEmpty() && !future.isDone()) {
          if (System.nanoTime() > deadline) {
            throw new TimeoutException("nothing scheduled and the future is not done");
          }
          changed.await(5, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        task = tasks.poll();
        if (task != null && task.due.isAfter(now)) {
          now = task.due;
        }
      } finally {
        lock.unlock();
      }
      if (task != null) {
        task.runnable.run();
      }
    }
  }

  /** Runs every task due up to {@code until}, moving the clock there. */
  public void advanceTo(Instant until) {
    while (true) {
      Task task;
      lock.lock();
      try {
        task = tasks.peek();
        if (task == null || task.due.isAfter(until)) {
          if (until.isAfter(now)) {
            now = until;
          }
          return;
        }
        tasks.poll();
        if (task.due.isAfter(now)) {
          now = task.due;
        }
      } finally {
        lock.unlock();
      }
      task.runnable.run();
    }
  }

  public void advance(Duration duration) {
    advanceTo(now.plus(duration));
  }

  /** Every delay asked for so far, in order. */
  public List<Duration> delays() {
    lock.lock();
    try {
      return List.copyOf(delays);
    } finally {
      lock.unlock();
    }
  }

  public int pending() {
    lock.lock();
    try {
      return tasks.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("virtual time is UTC");
  }
}
