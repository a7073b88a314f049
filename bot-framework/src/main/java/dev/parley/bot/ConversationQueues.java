package dev.parley.bot;

import dev.parley.core.Recipient;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One in-process queue per conversation over a shared, bounded executor: a conversation's tasks run
 * one at a time in submission order, different conversations' tasks run in parallel, and no thread
 * belongs to a conversation. A queue exists only while it has work. After each task a busy
 * conversation goes to the back of the executor's queue, so one chatty conversation cannot starve
 * the others. Thread-safe.
 */
final class ConversationQueues {

  /**
   * A queued piece of work, the future it completes and what runs once the future is complete (on the
   * worker, after whoever waits for the future was released).
   */
  private record Task<T>(Supplier<T> work, CompletableFuture<T> result, Consumer<? super T> afterwards) {
    void run() {
      T value;
      try {
        value = work.get();
      } catch (Throwable e) {
        result.completeExceptionally(e);
        return;
      }
      result.complete(value);
      afterwards.accept(value);
    }

    void fail(Throwable cause) {
      result.completeExceptionally(cause);
    }
  }

  /**
   * The pending tasks of one conversation, the running one first; a lane in the map always has a drain
   * queued or running. Its deque is only touched inside the map's compute for its key.
   */
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
    return submit(conversation, work, value -> {});
  }

  /**
   * Like {@link #submit(Recipient, Supplier)}; {@code afterwards} then runs with the result on the
   * worker once the future is complete, so work that need not delay the caller (waking another thread)
   * comes after the caller was released. What it throws is not the caller's concern and is dropped.
   */
  <T> CompletableFuture<T> submit(Recipient conversation, Supplier<T> work, Consumer<? super T> afterwards) {
    Task<T> task = new Task<>(work, new CompletableFuture<>(), quietly(afterwards));
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
      schedule(conversation, task);
    }
    return task.result();
  }

  private static <T> Consumer<T> quietly(Consumer<T> afterwards) {
    return value -> {
      try {
        afterwards.accept(value);
      } catch (RuntimeException e) {
        // the task's result is delivered; nothing to tell
      }
    };
  }

  /** Conversations with queued or running work. */
  int activeConversations() {
    return lanes.size();
  }

  /** Runs {@code head}, the first task of the conversation's lane, on the executor. */
  private void schedule(Recipient conversation, Task<?> head) {
    try {
      executor.execute(() -> drain(conversation, head));
    } catch (RejectedExecutionException e) {
      Lane lane = lanes.remove(conversation);
      if (lane != null) {
        lane.tasks.forEach(task -> task.fail(new RejectedExecutionException("the bot is closed; turn not run", e)));
      }
    }
  }

  /**
   * Runs the lane's head, which stays queued while it runs so the lane is not dropped meanwhile; then,
   * in one step, dequeues it and either drops the emptied lane or sends its next task to the back of
   * the executor's queue. One map step per task besides its submission.
   */
  private void drain(Recipient conversation, Task<?> head) {
    head.run();
    Object[] next = new Object[1];
    lanes.computeIfPresent(conversation, (key, lane) -> {
      lane.tasks.poll();
      next[0] = lane.tasks.peek();
      return next[0] == null ? null : lane;
    });
    if (next[0] != null) {
      schedule(conversation, (Task<?>) next[0]);
    }
  }
}
