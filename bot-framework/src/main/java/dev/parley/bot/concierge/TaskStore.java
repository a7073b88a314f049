package dev.parley.bot.concierge;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where concierge tasks and their history are kept. Implementations: {@link InMemoryTaskStore}
 * (tests, a bare bot) and {@link JdbcTaskStore} (the same database as the conversation store: an
 * H2 file or PostgreSQL). Every implementation passes the same contract tests. Implementations are
 * thread-safe; changes are compare-and-set on the task's version, so two agents acting on one task
 * at once never silently overwrite each other.
 */
public interface TaskStore {

  /** Stores a new task with the next number and its CREATED history line. */
  ConciergeTask create(NewTask task);

  /** The task with this number, with its history. */
  Optional<ConciergeTask> find(long number);

  /**
   * Tasks in any of {@code statuses}, oldest first (the operators' queue), at most {@code limit}.
   */
  List<ConciergeTask> list(Set<TaskStatus> statuses, int limit);

  /** The tasks of a customer, oldest first, at most {@code limit}. */
  List<ConciergeTask> forCustomer(String customerId, int limit);

  /**
   * Applies {@code change} if the task is still at {@code expectedVersion}: updates the task and
   * appends the history line, atomically.
   *
   * @return the changed task, or empty if the task changed meanwhile (read again and decide again)
   * @throws IllegalArgumentException if no task has this number
   */
  Optional<ConciergeTask> apply(long number, long expectedVersion, TaskChange change);
}
