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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * P4: the latency of one bot turn, from {@link Bot#handle} to its completion (state saved, reply
 * handed to the outbox), one turn at a time over 200 conversations, on the memory store and on
 * embedded PostgreSQL. The bot answers every text with quick replies; its outbox delivers them to
 * the loopback endpoint through Parley meanwhile, as in production.
 */
final class BotTurnLatency implements Measure {
  private static final int CONVERSATIONS = 200;
  private static final String PAGE = SendPlan.pageId(0);

  @Override
  public String id() {
    return "P4";
  }

  @Override
  public MeasureLine run(BenchScale scale) throws Exception {
    int memoryTurns = scale.count(5_000, 20_000, 100);
    int postgresTurns = scale.count(1_500, 5_000, 50);
    try (LoopbackGraph graph = LoopbackGraph.immediate(8)) {
      long[] memory;
      try (ConversationStore store = new InMemoryConversationStore()) {
        memory = latencies(store, graph, "memory", memoryTurns);
      }
      long[] postgres;
      try (ConversationStore store = JdbcConversationStore.create(EmbeddedPostgresServer.freshSchemaUrl())) {
        postgres = latencies(store, graph, "postgres", postgresTurns);
      }
      return new MeasureLine(id())
          .millis("memory_p50_ms", percentile(memory, 50))
          .millis("memory_p99_ms", percentile(memory, 99))
          .millis("postgres_p50_ms", percentile(postgres, 50))
          .millis("postgres_p99_ms", percentile(postgres, 99))
          .field("turns", memoryTurns + "+" + postgresTurns);
    }
  }

  /** Warms up with a third as many turns, then returns the sorted latencies of {@code turns} turns, in nanoseconds. */
  private static long[] latencies(ConversationStore store, LoopbackGraph graph, String name, int turns) {
    Parley parley = Parley.builder()
        .graphApiBase(graph.baseUrl())
        .messengerPage(PAGE, SendPlan.pageToken(0))
        .lastInboundTimes(store)
        .build();
    try (Bot bot = Bot.builder()
        .store(store)
        .sender(parley::sendAsync)
        .globalIntent(GlobalIntent.help("I can tell you where your order is."))
        .fallback(turn -> turn.replyWithQuickReplies("Let me check order " + turn.text().hashCode() % 1000
            + " for you. Anything else?", "No thanks", "Talk to a human"))
        .outboxPollInterval(Duration.ofMillis(100))
        .build()) {
      bot.start();
      turns(bot, name + "-warm", Math.max(10, turns / 3));
      return turns(bot, name, turns);
    }
  }

  private static long[] turns(Bot bot, String run, int turns) {
    long[] nanos = new long[turns];
    for (int i = 0; i < turns; i++) {
      Recipient customer = Recipient.messenger(PAGE, SendPlan.psid(i % CONVERSATIONS));
      var event = CustomerEvents.text(customer, "Where is my order A-" + (100_000 + i) + "?", "m_p4_" + run + "_" + i,
          Instant.now());
      long start = System.nanoTime();
      TurnOutcome outcome = bot.handle(event).join();
      nanos[i] = System.nanoTime() - start;
      if (outcome != TurnOutcome.HANDLED) {
        throw new IllegalStateException("turn " + i + " of " + run + " ended " + outcome);
      }
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
