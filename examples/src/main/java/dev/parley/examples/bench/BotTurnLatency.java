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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * P4: the latency of one bot turn, one turn at a time over 200 conversations, on the memory store and
 * on embedded PostgreSQL, through the path a webhook event takes: {@link Bot#handleAndWait} (what
 * {@link Bot#webhookListener} calls), from the call until it returns (state saved, reply handed to the
 * outbox). An idle conversation's turn runs on the calling thread there, so {@code <store>_inline_pct}
 * tells how many did. On the memory store, every other turn instead takes the queued path, {@code
 * handle(event).join()}, a worker of the bot's pool running the turn while the caller waits ({@code
 * memory_queued_*}); the two alternate so that both see the same load. The bot answers every text
 * with quick replies; its outbox delivers them to the loopback endpoint through Parley meanwhile, as
 * in production.
 *
 * <p>Besides the percentiles, the line explains the slowest 1% of turns ({@code <store>_slow_*}, means
 * over those turns, against the same figures over all turns): how long from the call until the
 * handlers started ({@code to_handlers}: queueing for a worker if any, the hold, the state and journal
 * reads, recording the message) and from the handlers' end until the call returned ({@code
 * after_handlers}: saving, handing the replies to the outbox, the commit, waking the caller if it
 * waited); how much of the turn the thread that ran it spent off a core ({@code off_cpu}: waiting for
 * a core, a lock or the database); how long that thread and the caller (one thread when the turn ran
 * inline) were runnable but waited for a core ({@code core_wait}, from Linux's per-thread scheduler
 * statistics; 0 where they cannot be read); the share of turns that overlapped a garbage collection
 * ({@code gc_pct}). Every figure is taken outside the timed span except two {@code nanoTime} reads and
 * a field or two written by a middleware around the handlers.
 */
final class BotTurnLatency implements Measure {
  private static final int CONVERSATIONS = 200;
  private static final String PAGE = SendPlan.pageId(0);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
  private static final Duration ROUND = Duration.ofSeconds(1);

  @Override
  public String id() {
    return "P4";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int memoryTurns = scale.count(5_000, 20_000, 100);
    int postgresTurns = scale.count(1_500, 5_000, 50);
    Duration warmUpLimit = Duration.ofSeconds(scale.pick(10, 45));
    try (LoopbackGraph graph = LoopbackGraph.immediate(8)) {
      Run memoryRun;
      try (ConversationStore store = new InMemoryConversationStore()) {
        memoryRun = latencies(store, graph, "memory", memoryTurns, true, warmUpLimit);
      }
      Run postgresRun;
      try (ConversationStore store = JdbcConversationStore.create(EmbeddedPostgresServer.freshSchemaUrl())) {
        postgresRun = latencies(store, graph, "postgres", postgresTurns, false, warmUpLimit);
      }
      TurnTimes[][] memory = {memoryRun.direct, memoryRun.queued};
      TurnTimes[] postgres = postgresRun.direct;
      TurnTimes[] queued = memory[1];
      TurnTimes[] queuedSlow = slowest(queued);
      MeasureLine line = new MeasureLine(id())
          .millis("memory_p50_ms", percentile(memory[0], 50).wall)
          .millis("memory_p99_ms", percentile(memory[0], 99).wall)
          .millis("memory_queued_p50_ms", percentile(queued, 50).wall)
          .millis("memory_queued_p99_ms", percentile(queued, 99).wall)
          .millis("postgres_p50_ms", percentile(postgres, 50).wall)
          .millis("postgres_p99_ms", percentile(postgres, 99).wall)
          .field("turns", memory[0].length + "+" + queued.length + "+" + postgres.length)
          .whole("memory_inline_pct", share(memory[0], t -> t.inline))
          .whole("postgres_inline_pct", share(postgres, t -> t.inline))
          .field("memory_warm_up_turns", memoryRun.warmUpTurns)
          .field("postgres_warm_up_turns", postgresRun.warmUpTurns)
          .decimal("memory_jit_pct", memoryRun.jitPct)
          .decimal("postgres_jit_pct", postgresRun.jitPct);
      explain(line, "memory", memory[0]);
      line.millis("memory_queued_slow_ms", mean(queuedSlow, t -> t.wall))
          .millis("memory_queued_slow_off_cpu_ms", mean(queuedSlow, BotTurnLatency::offCpu))
          .millis("memory_queued_slow_core_wait_ms", mean(queuedSlow, t -> t.coreWait))
          .millis("memory_queued_all_core_wait_ms", mean(queued, t -> t.coreWait));
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
    boolean inline;
  }

  /** Filled by the middleware on the thread that ran the turn; read by the caller once the turn is over. */
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

  /**
   * The measured turns of one store, slowest last: {@code direct} through {@link Bot#handleAndWait},
   * {@code queued} through {@code handle(event).join()} (empty unless asked for); how many turns warmed
   * up first; the JIT compilers' CPU time during the measured turns, in percent of their wall time.
   */
  private record Run(TurnTimes[] direct, TurnTimes[] queued, int warmUpTurns, double jitPct) {}

  /**
   * Warms up (see {@link #warmUp}), then returns the times of {@code turns} turns: all through {@link
   * Bot#handleAndWait}, or with {@code alsoQueued} every other one through {@code handle(event).join()}.
   */
  private static Run latencies(ConversationStore store, LoopbackGraph graph, String name, int turns,
      boolean alsoQueued, Duration warmUpLimit) {
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
          probe.workerSchedstat = SCHEDSTAT.get(); // resolved once per thread, during the warm-up
        })
        .globalIntent(GlobalIntent.help("I can tell you where your order is."))
        .fallback(turn -> turn.replyWithQuickReplies("Let me check order " + turn.text().hashCode() % 1000
            + " for you. Anything else?", "No thanks", "Talk to a human"))
        .outboxPollInterval(Duration.ofMillis(100))
        .build()) {
      bot.start();
      Map<Long, long[]> workers = new HashMap<>();
      int warmUpTurns = warmUp(bot, name, turns, warmUpLimit, alsoQueued, probe, workers);
      long compiler = ProcessCpu.compilerNanos();
      long start = System.nanoTime();
      TurnTimes[][] measured = turns(bot, name, turns, alsoQueued, probe, workers);
      double jitPct = 100.0 * (ProcessCpu.compilerNanos() - compiler) / (System.nanoTime() - start);
      return new Run(measured[0], measured[1], warmUpTurns, jitPct);
    }
  }

  /**
   * Runs rounds of turns, each at least a second long, until the JIT compilers used under 2% of a
   * round (20 ms of CPU a second; where their time cannot be read, one round), after at least a third of
   * {@code turns} and for at most {@code limit} (45 s, 10 s in the quick run); returns how many turns
   * ran. The measure is of a bot in its steady state, as a server is minutes after it starts: on two
   * cores, a compiler still at work on the store's code takes a core from the turns, the database and
   * the outbox (after a fixed warm-up of a third as many turns, the compilers still used 55% of a core
   * during the measured PostgreSQL turns).
   */
  private static int warmUp(Bot bot, String name, int turns, Duration limit, boolean alsoQueued, Probe probe,
      Map<Long, long[]> workers) {
    int least = Math.max(10, turns / 3);
    int chunk = 50;
    long until = System.nanoTime() + limit.toNanos();
    int done = 0;
    while (System.nanoTime() < until) {
      long compiler = ProcessCpu.compilerNanos();
      long start = System.nanoTime();
      long roundEnd = start + ROUND.toNanos();
      while (System.nanoTime() < roundEnd || done < least) {
        turns(bot, name + "-warm" + done, chunk, alsoQueued, probe, workers);
        done += chunk;
      }
      long compiled = ProcessCpu.compilerNanos() - compiler;
      if (compiled * 50 <= System.nanoTime() - start) {
        break;
      }
    }
    return done;
  }

  /**
   * Runs the turns, every other one queued if {@code alsoQueued}; {@code workers} keeps, per pool
   * worker's thread id, its CPU time and run-queue wait after its last turn (a worker runs nothing but
   * turns, so the difference at its next turn is that turn's). A turn run on the calling thread is
   * measured on it, from just before the call to just after.
   */
  private static TurnTimes[][] turns(Bot bot, String run, int turns, boolean alsoQueued, Probe probe,
      Map<Long, long[]> workers) {
    Thread caller = Thread.currentThread();
    Path callerSchedstat = SCHEDSTAT.get();
    boolean cpuTime = THREADS.isThreadCpuTimeSupported();
    List<TurnTimes> direct = new ArrayList<>(turns);
    List<TurnTimes> queued = new ArrayList<>(turns / 2);
    for (int i = 0; i < turns; i++) {
      Recipient customer = Recipient.messenger(PAGE, SendPlan.psid(i % CONVERSATIONS));
      var event = CustomerEvents.text(customer, "Where is my order A-" + (100_000 + i) + "?", "m_p4_" + run + "_" + i,
          Instant.now());
      boolean queue = alsoQueued && i % 2 == 1;
      long collections = collections();
      long callerWait = runQueueWait(callerSchedstat);
      long callerCpu = cpuTime ? THREADS.getCurrentThreadCpuTime() : -1;
      long start = System.nanoTime();
      TurnOutcome outcome = queue ? bot.handle(event).join() : bot.handleAndWait(event);
      long end = System.nanoTime();
      long callerCpuAfter = cpuTime ? THREADS.getCurrentThreadCpuTime() : -1;
      if (outcome != TurnOutcome.HANDLED) {
        throw new IllegalStateException("turn " + i + " of " + run + " ended " + outcome);
      }
      TurnTimes t = new TurnTimes();
      t.wall = end - start;
      t.toHandlers = probe.handlersStarted - start;
      t.afterHandlers = end - probe.handlersEnded;
      t.collected = collections() != collections;
      t.inline = probe.worker == caller;
      long callerWaited = callerWait < 0 ? -1 : runQueueWait(callerSchedstat) - callerWait;
      if (t.inline) {
        t.workerCpu = callerCpu < 0 ? -1 : callerCpuAfter - callerCpu;
        t.coreWait = callerWaited;
      } else {
        long cpu = cpuTime ? THREADS.getThreadCpuTime(probe.worker.getId()) : -1;
        long wait = runQueueWait(probe.workerSchedstat);
        long[] before = workers.put(probe.worker.getId(), new long[] {cpu, wait});
        if (before != null && cpu >= 0 && before[0] >= 0) {
          t.workerCpu = cpu - before[0];
        }
        if (before != null && wait >= 0 && before[1] >= 0 && callerWaited >= 0) {
          t.coreWait = wait - before[1] + callerWaited;
        }
      }
      (queue ? queued : direct).add(t);
    }
    return new TurnTimes[][] {sorted(direct), sorted(queued)};
  }

  private static TurnTimes[] sorted(List<TurnTimes> times) {
    TurnTimes[] sorted = times.toArray(TurnTimes[]::new);
    Arrays.sort(sorted, Comparator.comparingLong((TurnTimes t) -> t.wall));
    return sorted;
  }

  /** The slowest 1% of {@code sorted}, at least one turn. */
  private static TurnTimes[] slowest(TurnTimes[] sorted) {
    int slowest = Math.max(1, sorted.length / 100);
    return Arrays.copyOfRange(sorted, sorted.length - slowest, sorted.length);
  }

  /** Wall time minus the CPU time of the thread that ran the turn; -1 if unknown. */
  private static long offCpu(TurnTimes t) {
    return t.workerCpu < 0 ? -1 : Math.max(0, t.wall - t.workerCpu);
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
    TurnTimes[] slow = slowest(sorted);
    for (var group : Map.of("slow", slow, "all", sorted).entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder())).toList()) {
      String prefix = store + "_" + group.getKey() + "_";
      TurnTimes[] turns = group.getValue();
      line.millis(prefix + "ms", mean(turns, t -> t.wall))
          .millis(prefix + "to_handlers_ms", mean(turns, t -> t.toHandlers))
          .millis(prefix + "after_handlers_ms", mean(turns, t -> t.afterHandlers))
          .millis(prefix + "off_cpu_ms", mean(turns, BotTurnLatency::offCpu))
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
    return turns.length == 0 ? 0 : 100.0 * Arrays.stream(turns).filter(test).count() / turns.length;
  }

  /** The nearest-rank percentile of sorted values. */
  static <T> T percentile(T[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
