package dev.parley.examples.demo;

import dev.parley.bot.Bot;
import dev.parley.bot.server.BotService;
import dev.parley.testkit.PlatformSandbox;
import java.io.PrintStream;
import java.net.URI;
import java.util.function.Function;

/**
 * The demo, running: the platform sandbox, the bot server (configured from the runtime contract's
 * variables, its H2 store in a temporary folder, on the sandbox's clock) with the given bot, and the
 * shop; {@link #tell} tells the story on Messenger and WhatsApp. For the {@code demo} command and for
 * tests. Thread-safe once started; tell the story from one thread.
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(ConciergeBot::create, 0)) {
 *   demo.tell(System.out, false);
 * }
 * }</pre>
 */
public final class Demo implements AutoCloseable {
  private final DemoStage stage;

  private Demo(DemoStage stage) {
    this.stage = stage;
  }

  /** Starts everything with {@code bot} on the bot server, on {@code port} (0: any free port). */
  public static Demo start(Function<BotService.Desk, Bot> bot, int port) {
    return start(bot, DemoPlatforms.sandbox(), port);
  }

  /** As {@link #start(Function, int)}, with a sandbox configured by the caller (faults, a fixed port). */
  public static Demo start(Function<BotService.Desk, Bot> bot, PlatformSandbox.Builder sandbox, int port) {
    return new Demo(DemoStage.start(sandbox, bot, port));
  }

  /** Tells the whole story on both channels, printing the transcript to {@code out} (ANSI colours if asked). */
  public void tell(PrintStream out, boolean colour) {
    new DemoStory(stage, new Transcript(out, colour)).tell();
  }

  /** A customer on Messenger asks for a person and stays in the queue, for someone to answer in the inbox. */
  public void leaveCustomerWaiting(PrintStream out, boolean colour) {
    new DemoStory(stage, new Transcript(out, colour))
        .leaveWaiting(DemoCustomer.camilleOnMessenger(stage.sandbox), "Je voudrais parler à quelqu'un, s'il vous plaît.");
  }

  /** The sandbox the story runs against: its records say what the platforms received. */
  public PlatformSandbox sandbox() {
    return stage.sandbox;
  }

  /** The bot server: the inbox is at {@code /inbox}, the agent API under {@code /inbox/api/}. */
  public URI serverUri() {
    return stage.serverUri();
  }

  /** The demo agent's name. */
  public String agentName() {
    return DemoStage.AGENT;
  }

  /** The demo agent's token, made up for this run: the inbox's sign-in and the agent API's bearer token. */
  public String agentToken() {
    return stage.agentToken;
  }

  /** Stops everything and deletes the temporary folder; idempotent. */
  @Override
  public void close() {
    stage.close();
  }
}
