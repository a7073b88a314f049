package dev.parley.bot;

import dev.parley.core.Recipient;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One in-process queue per conversation over a shared, bounded executor: a conversation's tasks run
 * one at a time in submission order, different conversations' tasks run in parallel, and no thread
 * belongs to a conversation. A queue exists only while it has work. After each task a busy
 * conversation goes to the back of the executor's queue, so one chatty conversation cannot starve
 * the others.
 *
 * <p>A caller that waits for its task anyway ({@link #submitAndWait}) runs it on its own thread when
 * the conversation is idle and a slot is free: no hand-off to a worker and back, each of which can
 * wait for a core on a loaded machine. Tasks run at once, on the executor and on callers' threads
 * together, never exceed the slots. Thread-safe.
 */
final class ConversationQueues {

  /**
   * Set while the thread runs a task of any queues (on the executor or inline): a task that waits for
   * another one must not run it inline, inside its own work (a JDBC store binds the turn's
   * transaction to the thread, and the inner task would join it).
   */
  private static final ThreadLocal<Boolean> RUNNING_TASK = new ThreadLocal<>();

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
   * The pending tasks of one conversation, the running one first; a lane in the map always has its
   * head running inline or a drain queued or running. Its deque is only touched inside the map's
   * compute for its key.
   */
  private static final class Lane {
    final ArrayDeque<Task<?>> tasks = new ArrayDeque<>();
  }

  private final Executor executor;
  /** One permit per task allowed to run at once; a drain takes one for its task, an inline caller too. */
  private final Semaphore slots;
  private final BooleanSupplier open;
  private final Map<Recipient, Lane> lanes = new ConcurrentHashMap<>();

  /** Queues whose tasks run at once as far as {@code executor} lets them, and never inline. */
  ConversationQueues(Executor executor) {
    this(executor, Integer.MAX_VALUE, () -> false);
  }

  /**
   * @param slots the most tasks running at once, on the executor and inline together
   * @param open false once the owner is closing: a caller then never runs its task inline, so a task
   *     that starts after the owner saw no active conversation runs on the executor, which refuses it
   */
  ConversationQueues(Executor executor, int slots, BooleanSupplier open) {
    this.executor = executor;
    this.slots = new Semaphore(slots);
    this.open = open;
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
    if (enqueue(conversation, task)) {
      schedule(conversation, task);
    }
    return task.result();
  }

  /**
   * Runs {@code work} in its conversation's order and returns its result, {@code afterwards} having
   * run with it. When the conversation has no task queued or running and a slot is free, the work runs
   * on the calling thread: its lane is created with it at its head, so later tasks of the conversation
   * queue behind it, and once it is over the next of those goes to the executor. Otherwise it is
   * queued as by {@link #submit} and the calling thread waits for it. Never inline inside another
   * task, on an interrupted thread or once {@code open} says no.
   *
   * @throws RuntimeException what {@code work} threw, as it is; {@link RejectedExecutionException}
   *     when the executor refused it
   */
  <T> T submitAndWait(Recipient conversation, Supplier<T> work, Consumer<? super T> afterwards) {
    Task<T> task = new Task<>(work, new CompletableFuture<>(), quietly(afterwards));
    if (enqueue(conversation, task)) {
      if (mayRunHere() && takeSlot()) {
        return runHere(conversation, task);
      }
      schedule(conversation, task);
    }
    try {
      return task.result().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Adds {@code task} to its conversation's lane; true if it is the lane's head (the lane is new). */
  private boolean enqueue(Recipient conversation, Task<?> task) {
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
    return first[0];
  }

  private boolean mayRunHere() {
    // The interrupt check keeps an interrupted caller's flag away from the work (JDBC drivers and
    // file channels fail on it); such a caller waits as it did before.
    return RUNNING_TASK.get() == null && !Thread.currentThread().isInterrupted() && open.getAsBoolean();
  }

  /** A slot without waiting, unless drains already wait for one: they were first. */
  private boolean takeSlot() {
    return !slots.hasQueuedThreads() && slots.tryAcquire();
  }

  /** Runs the head of a new lane on the calling thread, which holds a slot; then as {@link #drain}. */
  private <T> T runHere(Recipient conversation, Task<T> task) {
    T value;
    RUNNING_TASK.set(Boolean.TRUE);
    try {
      value = task.work().get();
    } finally {
      RUNNING_TASK.remove();
      slots.release();
      dequeue(conversation);
    }
    task.afterwards().accept(value);
    return value;
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

  /** Conversations with queued or running work, inline or on the executor. */
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
   * Runs the lane's head once a slot is free (callers running tasks inline may hold them all), the
   * head staying queued while it runs so the lane is not dropped meanwhile; then dequeues it.
   */
  private void drain(Recipient conversation, Task<?> head) {
    slots.acquireUninterruptibly();
    RUNNING_TASK.set(Boolean.TRUE);
    try {
      head.run();
    } finally {
      RUNNING_TASK.remove();
      slots.release();
    }
    dequeue(conversation);
  }

  /**
   * In one map step, removes the lane's head and either drops the emptied lane or sends its next task
   * to the back of the executor's queue. One map step per task besides its submission.
   */
  private void dequeue(Recipient conversation) {
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
