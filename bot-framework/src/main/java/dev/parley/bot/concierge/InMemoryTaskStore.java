package dev.parley.bot.concierge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link TaskStore} in memory: for tests and bots that may forget their tasks on restart. Task
 * numbers start at 1001. Thread-safe (one lock; fine for the few tasks a process holds).
 */
public final class InMemoryTaskStore implements TaskStore {
  static final long FIRST_NUMBER = 1001;

  private final Map<Long, ConciergeTask> tasks = new TreeMap<>();
  private long next = FIRST_NUMBER;

  @Override
  public synchronized ConciergeTask create(NewTask task) {
    long number = next++;
    TaskEvent created = new TaskEvent(1, task.at(), task.actor(), TaskEvent.Change.CREATED, TaskStatus.NEW, null);
    ConciergeTask stored = new ConciergeTask(number, task.conversation(), task.customerId(), task.kind(), task.slots(),
        TaskStatus.NEW, null, null, task.language(), task.at(), task.at(), 1, List.of(created));
    tasks.put(number, stored);
    return stored;
  }

  @Override
  public synchronized Optional<ConciergeTask> find(long number) {
    return Optional.ofNullable(tasks.get(number));
  }

  @Override
  public synchronized List<ConciergeTask> list(Set<TaskStatus> statuses, int limit) {
    return tasks.values().stream()
        .filter(task -> statuses.contains(task.status()))
        .sorted(Comparator.comparing(ConciergeTask::createdAt).thenComparing(ConciergeTask::number))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<ConciergeTask> forCustomer(String customerId, int limit) {
    return tasks.values().stream().filter(task -> task.customerId().equals(customerId)).limit(limit).toList();
  }

  @Override
  public synchronized Optional<ConciergeTask> apply(long number, long expectedVersion, TaskChange change) {
    ConciergeTask task = tasks.get(number);
    if (task == null) {
      throw new IllegalArgumentException("no concierge task #" + number);
    }
    if (task.version() != expectedVersion) {
      return Optional.empty();
    }
    List<TaskEvent> history = new ArrayList<>(task.history());
    history.add(new TaskEvent(history.size() + 1, change.at(), change.actor(), change.change(), change.status(),
        change.text()));
    ConciergeTask changed = new ConciergeTask(number, task.conversation(), task.customerId(), task.kind(),
        change.slots(), change.status(), change.assignee(), change.outcome(), task.language(), task.createdAt(),
        change.at(), task.version() + 1, history);
    tasks.put(number, changed);
    return Optional.of(changed);
  }

  @Override
  public synchronized String toString() {
    return "InMemoryTaskStore[" + tasks.size() + " tasks]";
  }
}
