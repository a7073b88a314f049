package dev.parley.bot;

import dev.parley.core.Recipient;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One in-process queue per conversation over a shared, bounded executor: a conversation's tasks run
 * one at a time in submission order, different conversations' tasks run in parallel, and no thread
 * belongs to a conversation. A queue exists only while it has work. After each task a busy
 * conversation goes to the back of the executor's queue, so one chatty conversation cannot starve
 * the others. Thread-safe.
 */
final class ConversationQueues {

  /** A queued piece of work and the future it completes. */
  private record Task<T>(Supplier<T> work, CompletableFuture<T> result) {
    void run() {
      try {
        result.complete(work.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }

    void fail(Throwable cause) {
      result.completeExceptionally(cause);
    }
  }

  /** The pending tasks of one conversation; a queue in the map always has a drain queued or running. */
  private static final class Lane {
    final ArrayDeque<Task<?>> tasks = new ArrayDeque<>();
  }

  private final Executor executor;
  private final Map<Recipient, Lane> lanes = new ConcurrentHashMap<>();

  ConversationQueues(Executor executor) {
    this.executor = executor;
  }

  /** Queues {@code work} behind the conversation's earlier tasks; the future completes with its result. */
  <T> CompletableFuture<T> submit(Recipient conversation, Supplier<T> work) {
    Task<T> task = new Task<>(work, new CompletableFuture<>());
    boolean[] first = new boolean[1];
    lanes.compute(conversation, (key, lane) -> {
      Lane current = lane;
      if (current == null) {
        current = new Lane();
        first[0] = true;
      }
      current.tasks.add(task);
      return current;
    });
    if (first[0]) {
      schedule(conversation);
    }
    return task.result();
  }

  /** Conversations with queued or running work. */
  int activeConversations() {
    return lanes.size();
  }

  private void schedule(Recipient conversation) {
    try {
      executor.execute(() -> drainOne(conversation));
    } catch (RejectedExecutionException e) {
      Lane lane = lanes.remove(conversation);
      if (lane != null) {
        synchronized (lane) {
          lane.tasks.forEach(task -> task.fail(new RejectedExecutionException("the bot is closed; turn not run", e)));
        }
      }
    }
  }

  private void drainOne(Recipient conversation) {
    Object[] next = new Object[1];
    lanes.computeIfPresent(conversation, (key, lane) -> {
      next[0] = lane.tasks.peek(); // stays queued while it runs, so the lane is not dropped meanwhile
      return lane;
    });
    if (next[0] != null) {
      ((Task<?>) next[0]).run();
    }
    boolean[] more = new boolean[1];
    lanes.computeIfPresent(conversation, (key, lane) -> {
      lane.tasks.poll();
      if (lane.tasks.isEmpty()) {
        return null;
      }
      more[0] = true;
      return lane;
    });
    if (more[0]) {
      schedule(conversation);
    }
  }
}
