package dev.parley.examples.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testkit.MessengerCustomer;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.SentMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Customers chatting with a {@link Cluster} at once: customer {@code c} (PSID {@code <prefix>-<c>})
 * writes {@code seq <prefix><c> <n>} for n = 1..messages, each once the previous one was acknowledged,
 * through the round-robin. The {@link EchoNode} answers {@code ack <prefix><c> <n> turn <count>}.
 */
final class Chats {
  private final ExecutorService customers = Executors.newFixedThreadPool(12);
  private final List<Future<?>> chats = new ArrayList<>();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final String prefix;
  private final int conversations;
  private final int messages;

  private Chats(String prefix, int conversations, int messages) {
    this.prefix = prefix;
    this.conversations = conversations;
    this.messages = messages;
  }

  /** Starts the chats; {@code pause} between a customer's messages. */
  static Chats start(Cluster cluster, PlatformSandbox sandbox, String prefix, int conversations, int messages,
      Duration pause) {
    Chats started = new Chats(prefix, conversations, messages);
    for (int c = 1; c <= conversations; c++) {
      MessengerCustomer customer = sandbox.messengerCustomer(Cluster.PAGE_ID, started.psid(c), "Customer " + c);
      String id = prefix + c;
      started.chats.add(started.customers.submit(() -> {
        for (int n = 1; n <= messages; n++) {
          byte[] body = customer.sendText("seq " + id + " " + n).body().getBytes(StandardCharsets.UTF_8);
          assertEquals(200, cluster.post(body));
          started.acknowledged.incrementAndGet();
          Cluster.pause(pause.toMillis());
        }
      }));
    }
    return started;
  }

  String psid(int conversation) {
    return prefix + "-" + conversation;
  }

  int total() {
    return conversations * messages;
  }

  /** Waits until {@code count} messages were acknowledged. */
  void awaitAcknowledged(int count) {
    while (acknowledged.get() < count) {
      Cluster.pause(20);
    }
  }

  /** Waits until every message was acknowledged (rethrowing what a customer's thread threw). */
  void awaitAllAcknowledged() throws InterruptedException, ExecutionException {
    for (Future<?> chat : chats) {
      chat.get();
    }
    customers.shutdown();
  }

  /** The answers the sandbox holds once it has one per message (or {@code timeout} passed), per PSID. */
  Map<String, List<String>> awaitAnswers(PlatformSandbox sandbox, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sandbox.sentMessages().size() < total() && System.nanoTime() < deadline) {
      Cluster.pause(200);
    }
    Cluster.pause(500); // anything sent twice arrives now
    return sandbox.sentMessages().stream().collect(Collectors.groupingBy(SentMessage::recipientId,
        Collectors.mapping(SentMessage::summary, Collectors.toList())));
  }

  /**
   * The conversations (at most 5 shown, with how many in all) whose answers are not each message once,
   * in any order: what was lost or doubled.
   */
  List<String> lostOrDoubled(Map<String, List<String>> answers) {
    List<String> wrong = new ArrayList<>();
    for (int c = 1; c <= conversations; c++) {
      List<String> got = answers.getOrDefault(psid(c), List.of());
      if (!messageNumbers(got).stream().sorted().toList().equals(oneToMessages())) {
        wrong.add(prefix + c + ": " + got);
      }
    }
    return shown(wrong);
  }

  /** The conversations whose answers are not in the order of their messages (at most 5 shown). */
  List<String> outOfOrder(Map<String, List<String>> answers) {
    List<String> wrong = new ArrayList<>();
    for (int c = 1; c <= conversations; c++) {
      List<String> got = answers.getOrDefault(psid(c), List.of());
      if (!messageNumbers(got).equals(oneToMessages())) {
        wrong.add(prefix + c + ": " + got);
      }
    }
    return shown(wrong);
  }

  /** The conversations whose saved turn count does not go 1, 2, 3... in its answers: a turn ran twice or not at all. */
  List<String> turnsNotCountedOnceEach(Map<String, List<String>> answers) {
    List<String> wrong = new ArrayList<>();
    for (int c = 1; c <= conversations; c++) {
      List<String> got = answers.getOrDefault(psid(c), List.of());
      if (!got.stream().map(a -> Integer.parseInt(a.split(" ")[4])).toList().equals(oneToMessages())) {
        wrong.add(prefix + c + ": " + got);
      }
    }
    return shown(wrong);
  }

  private List<Integer> oneToMessages() {
    return java.util.stream.IntStream.rangeClosed(1, messages).boxed().toList();
  }

  private static List<Integer> messageNumbers(List<String> answers) {
    return answers.stream().map(a -> Integer.parseInt(a.split(" ")[2])).toList();
  }

  private static List<String> shown(List<String> wrong) {
    if (wrong.size() <= 5) {
      return wrong;
    }
    List<String> first = new ArrayList<>(wrong.subList(0, 5));
    first.add("... " + wrong.size() + " in all");
    return first;
  }
}
