package dev.parley.examples.demo;

import dev.parley.bot.Bot;
import dev.parley.bot.server.BotService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-examples.jar demo}: the whole of Parley on localhost, told as a story on Messenger and
 * WhatsApp and printed as a transcript; {@code demo --serve} then keeps everything running for a
 * person to try the inbox. Exits 0 when the story ran to its end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the platform sandbox and the bot server, and tells the whole story on both channels:",
        "order, payment button, payment, receipt, a shipping update a day later, a delivery problem in French,",
        "the bot's questions, a concierge task, handoff, an agent's reply and partial refund, hand-back."})
public final class DemoCommand implements Callable<Integer> {
  private final Function<BotService.Desk, Bot> bot;

  @Option(names = "--serve", description = "Keep everything running after the story, and print the inbox's address "
      + "and an agent token.")
  boolean serve;

  @Option(names = "--port", description = "Port of the bot server (default: 8080 with --serve, any free port without).")
  Integer port;

  /** The demo with the example concierge bot. */
  public DemoCommand() {
    this(DemoBot::build);
  }

  DemoCommand(Function<BotService.Desk, Bot> bot) {
    this.bot = bot;
  }

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    Transcript transcript = Transcript.onStandardOutput();
    int serverPort = port != null ? port : serve ? 8080 : 0;
    try (DemoStage stage = DemoStage.start(DemoPlatforms.sandbox(), bot, serverPort)) {
      DemoStory story = new DemoStory(stage, transcript);
      story.tell();
      System.out.printf("%nThe story ran in %.1f s: the sandbox accepted %d messages and delivered %d webhooks.%n",
          (System.nanoTime() - started) / 1e9, stage.sandbox.sentMessages().size(),
          stage.sandbox.webhookDeliveries().size());
      if (serve) {
        story.leaveWaiting(DemoCustomer.camilleOnMessenger(stage.sandbox), "Je voudrais parler à quelqu'un, s'il vous plaît.");
        System.out.println();
        System.out.println("Everything keeps running. Open the inbox and sign in with the agent token:");
        System.out.println("  inbox:        " + stage.serverUri() + "/inbox");
        System.out.println("  agent token:  " + stage.agentToken + "   (agent \"" + DemoStage.AGENT + "\")");
        System.out.println("  sandbox:      " + stage.sandbox.graphBaseUrl() + "/_sandbox/  (play customers with curl)");
        System.out.println("Camille is waiting in the queue. Ctrl-C stops everything.");
        Runtime.getRuntime().addShutdownHook(new Thread(stage::close, "parley-demo-shutdown"));
        new CountDownLatch(1).await(); // until Ctrl-C: the hook closes everything

      }
    }
    return 0;
  }
}
