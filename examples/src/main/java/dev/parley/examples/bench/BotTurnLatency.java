package dev.parley.examples.bench;

import dev.parley.bot.Bot;
import dev.parley.bot.GlobalIntent;
import dev.parley.bot.TurnOutcome;
import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.JdbcConversationStore;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * P4: the latency of one bot turn, from {@link Bot#handle} to its completion (state saved, reply
 * handed to the outbox), one turn at a time over 200 conversations, on the memory store and on
 * embedded PostgreSQL. The bot answers every text with quick replies; its outbox delivers them to
 * the loopback endpoint through Parley meanwhile, as in production.
 *
 * <p>Besides the percentiles, the line explains the slowest 1% of turns ({@code <store>_slow_*}, means
 * over those turns, against the same figures over all turns): how long from {@code handle} until the
 * handlers started ({@code to_handlers}: queueing for a worker, the hold, the state and journal reads,
 * recording the message) and from the handlers' end until {@code join} returned ({@code
 * after_handlers}: saving, handing the replies to the outbox, the commit, waking the caller); how
 * much of the turn its worker thread spent off a core ({@code off_cpu}: waiting for a core, a lock or
 * the database); how long the worker and the caller were runnable but waited for a core ({@code
 * core_wait}, from Linux's per-thread scheduler statistics; 0 where they cannot be read); the
 * share of turns that overlapped a garbage collection ({@code gc_pct}). Every figure is taken outside
 * the timed span except two {@code nanoTime} reads and a field or two written by a middleware around
 * the handlers.
 */
final class BotTurnLatency implements Measure {
  private static final int CONVERSATIONS = 200;
  private static final String PAGE = SendPlan.pageId(0);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

  @Override
  public String id() {
    return "P4";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int memoryTurns = scale.count(5_000, 20_000, 100);
    int postgresTurns = scale.count(1_500, 5_000, 50);
    try (LoopbackGraph graph = LoopbackGraph.immediate(8)) {
      TurnTimes[] memory;
      try (ConversationStore store = new InMemoryConversationStore()) {
        memory = latencies(store, graph, "memory", memoryTurns);
      }
      TurnTimes[] postgres;
      try (ConversationStore store = JdbcConversationStore.create(EmbeddedPostgresServer.freshSchemaUrl())) {
        postgres = latencies(store, graph, "postgres", postgresTurns);
      }
      MeasureLine line = new MeasureLine(id())
          .millis("memory_p50_ms", percentile(memory, 50).wall)
          .millis("memory_p99_ms", percentile(memory, 99).wall)
          .millis("postgres_p50_ms", percentile(postgres, 50).wall)
          .millis("postgres_p99_ms", percentile(postgres, 99).wall)
          .field("turns", memoryTurns + "+" + postgresTurns);
      explain(line, "memory", memory);
      explain(line, "postgres", postgres);
      return line;
    }
  }

  /** What one measured turn took, in nanoseconds, and what went on meanwhile. */
  static final class TurnTimes {
    long wall;
    long toHandlers;
    long afterHandlers;
    long workerCpu = -1;
    long coreWait = -1;
    boolean collected;
  }

  /** Filled on the turn's worker thread by the middleware; read by the caller after {@code join}. */
  private static final class Probe {
    long handlersStarted;
    long handlersEnded;
    Thread worker;
    Path workerSchedstat;
  }

  /** This thread's scheduler statistics on Linux ({@code /proc/<pid>/task/<tid>/schedstat}), else null. */
  private static final ThreadLocal<Path> SCHEDSTAT = ThreadLocal.withInitial(() -> {
    try {
      return Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self"))).resolve("schedstat");
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  });

  /** How long the thread of {@code schedstat} has waited for a core in all, in nanoseconds; -1 if unknown. */
  private static long runQueueWait(Path schedstat) {
    if (schedstat == null) {
      return -1;
    }
    try {
      String[] fields = Files.readString(schedstat).trim().split(" ");
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Warms up with a third as many turns, then returns the times of {@code turns} turns, slowest last. */
  private static TurnTimes[] latencies(ConversationStore store, LoopbackGraph graph, String name, int turns) {
    Parley parley = Parley.builder()
        .graphApiBase(graph.baseUrl())
        .messengerPage(PAGE, SendPlan.pageToken(0))
        .lastInboundTimes(store)
        .build();
    Probe probe = new Probe();
    try (Bot bot = Bot.builder()
        .store(store)
        .sender(parley::sendAsync)
        .use(chain -> {
          probe.handlersStarted = System.nanoTime();
          chain.proceed(chain.turn());
          probe.handlersEnded = System.nanoTime();
          probe.worker = Thread.currentThread();
          probe.workerSchedstat = SCHEDSTAT.get(); // resolved once per worker thread, during the warm-up
        })
        .globalIntent(GlobalIntent.help("I can tell you where your order is."))
        .fallback(turn -> turn.replyWithQuickReplies("Let me check order " + turn.text().hashCode() % 1000
            + " for you. Anything else?", "No thanks", "Talk to a human"))
        .outboxPollInterval(Duration.ofMillis(100))
        .build()) {
      bot.start();
      Map<Long, long[]> workers = new HashMap<>();
      turns(bot, name + "-warm", Math.max(10, turns / 3), probe, workers);
      return turns(bot, name, turns, probe, workers);
    }
  }

  /**
   * Runs the turns; {@code workers} keeps, per worker thread id, its CPU time and run-queue wait after
   * its last turn (a worker runs nothing but turns, so the difference at its next turn is that turn's).
   */
  private static TurnTimes[] turns(Bot bot, String run, int turns, Probe probe, Map<Long, long[]> workers) {
    Path callerSchedstat = SCHEDSTAT.get();
    TurnTimes[] times = new TurnTimes[turns];
    for (int i = 0; i < turns; i++) {
      Recipient customer = Recipient.messenger(PAGE, SendPlan.psid(i % CONVERSATIONS));
      var event = CustomerEvents.text(customer, "Where is my order A-" + (100_000 + i) + "?", "m_p4_" + run + "_" + i,
          Instant.now());
      long collections = collections();
      long callerWait = runQueueWait(callerSchedstat);
      long start = System.nanoTime();
      TurnOutcome outcome = bot.handle(event).join();
      long end = System.nanoTime();
      if (outcome != TurnOutcome.HANDLED) {
        throw new IllegalStateException("turn " + i + " of " + run + " ended " + outcome);
      }
      TurnTimes t = new TurnTimes();
      t.wall = end - start;
      t.toHandlers = probe.handlersStarted - start;
      t.afterHandlers = end - probe.handlersEnded;
      t.collected = collections() != collections;
      long callerWaited = runQueueWait(callerSchedstat) - callerWait;
      long cpu = THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(probe.worker.getId()) : -1;
      long wait = runQueueWait(probe.workerSchedstat);
      long[] before = workers.put(probe.worker.getId(), new long[] {cpu, wait});
      if (before != null && cpu >= 0 && before[0] >= 0) {
        t.workerCpu = cpu - before[0];
      }
      if (before != null && wait >= 0 && before[1] >= 0 && callerWait >= 0) {
        t.coreWait = wait - before[1] + callerWaited;
      }
      times[i] = t;
    }
    Arrays.sort(times, Comparator.comparingLong((TurnTimes t) -> t.wall));
    return times;
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean collector : COLLECTORS) {
      count += Math.max(0, collector.getCollectionCount());
    }
    return count;
  }

  /** Adds the breakdown of the slowest 1% of {@code sorted} and, for contrast, of all its turns. */
  private static void explain(MeasureLine line, String store, TurnTimes[] sorted) {
    int slowest = Math.max(1, sorted.length / 100);
    TurnTimes[] slow = Arrays.copyOfRange(sorted, sorted.length - slowest, sorted.length);
    for (var group : Map.of("slow", slow, "all", sorted).entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder())).toList()) {
      String prefix = store + "_" + group.getKey() + "_";
      TurnTimes[] turns = group.getValue();
      line.millis(prefix + "ms", mean(turns, t -> t.wall))
          .millis(prefix + "to_handlers_ms", mean(turns, t -> t.toHandlers))
          .millis(prefix + "after_handlers_ms", mean(turns, t -> t.afterHandlers))
          .millis(prefix + "off_cpu_ms", mean(turns, t -> t.workerCpu < 0 ? -1 : Math.max(0, t.wall - t.workerCpu)))
          .millis(prefix + "core_wait_ms", mean(turns, t -> t.coreWait))
          .whole(prefix + "gc_pct", share(turns, t -> t.collected));
    }
  }

  /** The mean of the non-negative figures. */
  private static long mean(TurnTimes[] turns, ToLongFunction<TurnTimes> figure) {
    long sum = 0;
    int counted = 0;
    for (TurnTimes t : turns) {
      long value = figure.applyAsLong(t);
      if (value >= 0) {
        sum += value;
        counted++;
      }
    }
    return counted == 0 ? 0 : sum / counted;
  }

  private static double share(TurnTimes[] turns, Predicate<TurnTimes> test) {
    return 100.0 * Arrays.stream(turns).filter(test).count() / turns.length;
  }

  /** The nearest-rank percentile of sorted values. */
  static <T> T percentile(T[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
