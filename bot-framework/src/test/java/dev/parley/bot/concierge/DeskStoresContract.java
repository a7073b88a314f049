package dev.parley.bot.concierge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.agent.AgentAction;
import dev.parley.bot.agent.AgentActionLog;
import dev.parley.bot.handoff.Handoff;
import dev.parley.bot.handoff.HandoffReason;
import dev.parley.bot.handoff.HandoffStatus;
import dev.parley.bot.handoff.HandoffStore;
import dev.parley.core.Money;
import dev.parley.core.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every implementation of the task store, handoff store and action log must do. */
abstract class DeskStoresContract {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final Recipient ADA = Recipient.messenger("1000000001", "3100000001");
  static final Recipient BOB = Recipient.whatsApp("2000000002", "33612345678");

  TaskStore tasks;
  HandoffStore handoffs;
  AgentActionLog actions;

  abstract TaskStore newTaskStore();

  abstract HandoffStore newHandoffStore();

  abstract AgentActionLog newActionLog();

  @BeforeEach
  void createStores() {
    tasks = newTaskStore();
    handoffs = newHandoffStore();
    actions = newActionLog();
  }

  private ConciergeTask create(Recipient who, String customer, TaskKind kind, Instant at) {
    return tasks.create(new NewTask(who, customer, kind, TaskSlots.what("a table for four"), "fr", "bot", at));
  }

  @Test
  void tasksAreNumberedFrom1001WithTheirCreationInTheHistory() {
    ConciergeTask first = create(ADA, "c1", TaskKind.RESERVATION, T0);
    ConciergeTask second = create(BOB, "c2", TaskKind.GIFT, T0.plusSeconds(1));
    assertEquals(1001, first.number());
    assertEquals(1002, second.number());
    assertEquals(TaskStatus.NEW, first.status());
    assertEquals(1, first.history().size());
    TaskEvent created = first.history().get(0);
    assertEquals(TaskEvent.Change.CREATED, created.change());
    assertEquals("bot", created.actor());
    assertEquals(T0, created.at());
    assertEquals(first, tasks.find(1001).orElseThrow());
    assertEquals("fr", first.language());
    assertEquals(ADA, first.conversation());
  }

  @Test
  void anUnknownTaskIsAbsent() {
    assertTrue(tasks.find(424242).isEmpty());
  }

  @Test
  void theQueueListsByStatusOldestFirst() {
    ConciergeTask later = create(ADA, "c1", TaskKind.PURCHASE, T0.plusSeconds(60));
    ConciergeTask earlier = create(BOB, "c2", TaskKind.RETURN, T0);
    ConciergeTask claimed = create(ADA, "c1", TaskKind.OTHER, T0.minusSeconds(60));
    tasks.apply(claimed.number(), claimed.version(), change(claimed, TaskStatus.CLAIMED, "alice"));
    assertEquals(List.of(earlier.number(), later.number()),
        tasks.list(EnumSet.of(TaskStatus.NEW), 10).stream().map(ConciergeTask::number).toList());
    assertEquals(List.of(claimed.number(), earlier.number()),
        tasks.list(TaskStatus.OPEN, 2).stream().map(ConciergeTask::number).toList());
    assertEquals(List.of(), tasks.list(EnumSet.of(TaskStatus.DONE), 10));
  }

  @Test
  void aCustomersTasksAreTheirsOnly() {
    create(ADA, "c1", TaskKind.PURCHASE, T0);
    create(BOB, "c2", TaskKind.RETURN, T0);
    create(ADA, "c1", TaskKind.GIFT, T0.plusSeconds(5));
    List<ConciergeTask> ada = tasks.forCustomer("c1", 10);
    assertEquals(List.of(TaskKind.PURCHASE, TaskKind.GIFT), ada.stream().map(ConciergeTask::kind).toList());
  }

  @Test
  void aChangeMovesTheTaskAndAppendsToItsHistory() {
    ConciergeTask task = create(ADA, "c1", TaskKind.PURCHASE, T0);
    TaskSlots slots = task.slots().withBudget(Money.parse("120.00", "EUR")).withForWhom("my sister");
    ConciergeTask claimed = tasks.apply(task.number(), task.version(), new TaskChange("agent:alice",
        TaskEvent.Change.CLAIMED, TaskStatus.CLAIMED, "alice", null, slots, "on it", T0.plusSeconds(30))).orElseThrow();
    assertEquals(TaskStatus.CLAIMED, claimed.status());
    assertEquals("alice", claimed.assignee());
    assertEquals(task.version() + 1, claimed.version());
    assertEquals(Money.parse("120.00", "EUR"), claimed.slots().budget());
    assertEquals("my sister", claimed.slots().forWhom());
    assertEquals(T0.plusSeconds(30), claimed.updatedAt());
    assertEquals(2, claimed.history().size());
    TaskEvent event = claimed.history().get(1);
    assertEquals(2, event.sequence());
    assertEquals("agent:alice", event.actor());
    assertEquals("on it", event.text());
    assertEquals(claimed, tasks.find(task.number()).orElseThrow());
  }

  @Test
  void aStaleChangeIsRefusedAndChangesNothing() {
    ConciergeTask task = create(ADA, "c1", TaskKind.PURCHASE, T0);
    assertTrue(tasks.apply(task.number(), task.version(), change(task, TaskStatus.CLAIMED, "alice")).isPresent());
    Optional<ConciergeTask> stale = tasks.apply(task.number(), task.version(), change(task, TaskStatus.CLAIMED, "bob"));
    assertTrue(stale.isEmpty());
    ConciergeTask stored = tasks.find(task.number()).orElseThrow();
    assertEquals("alice", stored.assignee());
    assertEquals(2, stored.history().size());
  }

  @Test
  void changingAnUnknownTaskFails() {
    ConciergeTask task = create(ADA, "c1", TaskKind.PURCHASE, T0);
    assertThrows(IllegalArgumentException.class, () -> tasks.apply(99999, 1, change(task, TaskStatus.CLAIMED, "a")));
  }

  @Test
  void budgetsKeepTheirCurrencyExponent() {
    ConciergeTask yen = tasks.create(new NewTask(ADA, "c1", TaskKind.GIFT,
        TaskSlots.EMPTY.withBudget(Money.of(4200, "JPY")), "en", "bot", T0));
    ConciergeTask dinar = tasks.create(new NewTask(ADA, "c1", TaskKind.GIFT,
        TaskSlots.EMPTY.withBudget(Money.parse("12.340", "KWD")), "en", "bot", T0));
    assertEquals(Money.of(4200, "JPY"), tasks.find(yen.number()).orElseThrow().slots().budget());
    assertEquals(Money.of(12340, "KWD"), tasks.find(dinar.number()).orElseThrow().slots().budget());
    assertNull(create(ADA, "c1", TaskKind.OTHER, T0).slots().budget());
  }

  @Test
  void aHandoffIsStoredOnceThenChangedByCompareAndSet() {
    Handoff fresh = Handoff.withBot(ADA, "c1");
    Handoff waiting = new Handoff(ADA, "c1", HandoffStatus.WAITING, HandoffReason.ANGER, "this is unacceptable",
        Map.of("orderNumber", "A-1042", "step", "ask_order"), "fr", T0, null, null, T0, 1, 0, 0);
    Handoff stored = handoffs.save(waiting).orElseThrow();
    assertEquals(1, stored.version());
    assertEquals(Map.of("orderNumber", "A-1042", "step", "ask_order"), stored.slots());
    assertTrue(handoffs.save(fresh).isEmpty(), "a second first write loses");
    Handoff claimed = new Handoff(ADA, "c1", HandoffStatus.ACTIVE, HandoffReason.ANGER, stored.detail(), stored.slots(),
        "fr", T0, "alice", T0.plusSeconds(10), T0.plusSeconds(10), 0, 0, stored.version());
    Handoff second = handoffs.save(claimed).orElseThrow();
    assertEquals(2, second.version());
    assertEquals("alice", second.agent());
    assertTrue(handoffs.save(claimed).isEmpty(), "a stale write loses");
    assertEquals(second, handoffs.find(ADA).orElseThrow());
    assertTrue(handoffs.find(BOB).isEmpty());
  }

  @Test
  void theHandoffQueueIsLongestWaitingFirstAndIdleOnesAreFound() {
    handoffs.save(waiting(ADA, T0.plusSeconds(60)));
    handoffs.save(waiting(BOB, T0));
    Recipient carol = Recipient.messenger("1000000001", "3100000003");
    handoffs.save(Handoff.withBot(carol, "c3"));
    assertEquals(List.of(BOB, ADA), handoffs.list(Set.of(HandoffStatus.WAITING), 10).stream()
        .map(Handoff::conversation).toList());
    assertEquals(List.of(BOB), handoffs.list(Set.of(HandoffStatus.WAITING), 1).stream()
        .map(Handoff::conversation).toList());
    assertEquals(List.of(BOB), handoffs.idle(T0.plusSeconds(30), 10).stream().map(Handoff::conversation).toList());
    assertEquals(2, handoffs.idle(T0.plus(Duration.ofHours(1)), 10).size(), "the bot's conversation is never idle");
  }

  @Test
  void theActionLogKeepsWhoDidWhatNewestFirst() {
    AgentAction first = actions.record(new AgentAction(0, T0, "alice", "claim", ADA.key(), ""));
    AgentAction second = actions.record(new AgentAction(0, T0.plusSeconds(1), "bob", "refund", "task:1001",
        "EUR 10.00 of order A-1"));
    assertTrue(second.id() > first.id());
    assertEquals(List.of("refund", "claim"), actions.recent(null, 10).stream().map(AgentAction::action).toList());
    List<AgentAction> onTask = actions.recent("task:1001", 10);
    assertEquals(1, onTask.size());
    assertEquals("bob", onTask.get(0).agent());
    assertEquals("EUR 10.00 of order A-1", onTask.get(0).detail());
    assertEquals(T0.plusSeconds(1), onTask.get(0).at());
  }

  private static Handoff waiting(Recipient who, Instant at) {
    return new Handoff(who, "c-" + who.userId(), HandoffStatus.WAITING, HandoffReason.CUSTOMER_ASKED, null, Map.of(),
        "en", at, null, null, at, 0, 0, 0);
  }

  private static TaskChange change(ConciergeTask task, TaskStatus status, String assignee) {
    return new TaskChange("agent:" + assignee, TaskEvent.Change.CLAIMED, status, assignee, null, task.slots(), null,
        T0.plusSeconds(1));
  }
}
