package dev.parley.examples.nodes;

import dev.parley.bot.Bot;
import dev.parley.bot.Turn;
import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One server node for the multi-node and crash tests: the real {@link BotService} configured from the
 * environment (the runtime contract's {@code PARLEY_*} variables), with a bot whose answers show what
 * the tests check. Started as a separate JVM by {@link NodeProcess}; prints {@code NODE READY <port>}
 * when it serves, and {@code TURN STARTED <label>} / {@code REMINDER STARTED <label>} when a slow turn
 * begins, so a test knows when to kill it.
 *
 * <ul>
 *   <li>{@code seq <conversation> <n>}: counts the conversation's turns in its saved memory and answers
 *       {@code ack <conversation> <n> turn <count>}: order, loss and double handling show in the answers.
 *   <li>{@code slow <ms> <label>}: sleeps, then answers {@code slow <label> done turn <count>}.
 *   <li>{@code bulk <count> <label>}: answers {@code bulk <label> <i>} {@code count} times (outbox load).
 *   <li>{@code remind <ms> <label>}: schedules the reminder {@code ping} with {@code label} as data; when it
 *       fires the bot answers {@code reminder <label> fired} (after 4 s if the label starts with {@code slow}).
 * </ul>
 */
public final class EchoNode {
  private EchoNode() {}

  public static void main(String[] args) throws InterruptedException {
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    BotService service = BotService.builder(config)
        .bot(desk -> Bot.builder().store(desk.store()).outbox(desk.outbox())
            .reminderPollInterval(Duration.ofMillis(100))
            .onReminder("ping", EchoNode::reminder)
            .fallback(EchoNode::answer)
            .build())
        // the crash tests wait seconds, not the default minute, for a failed turn to be retried
        .retryUnhandledEvents(Duration.ofSeconds(2), Duration.ofSeconds(4))
        .build()
        .start();
    System.out.println("NODE READY " + service.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  private static void answer(Turn turn) {
    String[] words = turn.text() == null ? new String[0] : turn.text().split(" ");
    long count = Long.parseLong(turn.memory().string("turns", "0")) + 1;
    turn.memory().put("turns", count);
    switch (words.length == 3 ? words[0] : "") {
      case "seq" -> turn.reply("ack " + words[1] + " " + words[2] + " turn " + count);
      case "slow" -> {
        System.out.println("TURN STARTED " + words[2]);
        sleep(Long.parseLong(words[1]));
        turn.reply("slow " + words[2] + " done turn " + count);
      }
      case "bulk" -> {
        for (int i = 1; i <= Integer.parseInt(words[1]); i++) {
          turn.reply("bulk " + words[2] + " " + i);
        }
      }
      case "remind" -> {
        turn.remindIn(Duration.ofMillis(Long.parseLong(words[1])), "ping", words[2]);
        turn.reply("scheduled " + words[2]);
      }
      default -> turn.reply("unknown: " + turn.text());
    }
  }

  private static void reminder(Turn turn) {
    String label = turn.reminder().data();
    if (label.startsWith("slow")) {
      System.out.println("REMINDER STARTED " + label);
      sleep(4_000);
    }
    turn.reply("reminder " + label + " fired");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
