package dev.parley.examples.demo;

import dev.parley.bot.Bot;
import dev.parley.bot.inbox.InboxPage;
import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import dev.parley.testkit.PlatformSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Everything the demo runs, on localhost: the platform sandbox (Meta and Stripe), the bot server
 * configured from the runtime contract's variables (given as a map) with its H2 store in a
 * temporary folder, and the shop. Parley's side runs on the sandbox's clock. {@link #close()} stops
 * everything and deletes the folder. Thread-safe once started.
 */
final class DemoStage implements AutoCloseable {
  static final String AGENT = "claire";

  final PlatformSandbox sandbox;
  final Clock clock;
  final BotService server;
  final Shop shop;
  final String agentToken;
  private final Path dataDirectory;
  private boolean closed;

  private DemoStage(PlatformSandbox sandbox, Clock clock, BotService server, Shop shop, String agentToken,
      Path dataDirectory) {
    this.sandbox = sandbox;
    this.clock = clock;
    this.server = server;
    this.shop = shop;
    this.agentToken = agentToken;
    this.dataDirectory = dataDirectory;
  }

  /** Starts the sandbox, then the bot server running {@code bot} with the shop's payments, and connects them. */
  static DemoStage start(Function<BotService.Desk, Bot> bot) {
    return start(DemoPlatforms.sandbox(), bot, 0);
  }

  /**
   * As {@link #start(Function)}, with a sandbox configured by the caller (faults, a fixed port) and the
   * bot server on {@code port} (0: any free port).
   */
  static DemoStage start(PlatformSandbox.Builder sandboxSettings, Function<BotService.Desk, Bot> bot, int port) {
    Path dataDirectory = temporaryFolder();
    PlatformSandbox sandbox = sandboxSettings.start();
    try {
      Clock clock = new SandboxTime(sandbox);
      String agentToken = "demo-" + UUID.randomUUID();
      Map<String, String> environment = DemoPlatforms.serverEnvironment(sandbox, dataDirectory, AGENT + ":" + agentToken);
      environment.put("PARLEY_PORT", String.valueOf(port));
      ServerConfig config = ServerConfig.fromEnvironment(environment);
      Shop[] shop = new Shop[1];
      BotService server = BotService.builder(config)
          .clock(clock)
          // Every step of the story waits for the bot's replies: a 100 ms poll would add to each of them.
          .outboxPollInterval(Duration.ofMillis(20))
          .bot(bot)
          .inboxPage(new InboxPage())
          .payments(desk -> {
            shop[0] = Shop.open(desk, dataDirectory, clock);
            return shop[0].paymentDesk;
          }, desk -> shop[0].stripeWebhook())
          .build();
      DemoStage stage = new DemoStage(sandbox, clock, server, shop[0], agentToken, dataDirectory);
      try {
        server.start();
      } catch (RuntimeException e) {
        stage.close();
        throw e;
      }
      String base = "http://127.0.0.1:" + server.port();
      sandbox.setMetaWebhookUrl(base + "/webhooks/meta");
      sandbox.setStripeWebhookUrl(base + "/webhooks/stripe");
      return stage;
    } catch (RuntimeException e) {
      sandbox.close();
      delete(dataDirectory);
      throw e;
    }
  }

  /** The bot server's address, where the inbox and the agent API live. */
  URI serverUri() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** True while the bot server's or the shop's outbox still has messages to deliver. */
  boolean outboxesBusy() {
    return server.desk().outbox().counts().unfinished() > 0 || shop.outboxBusy();
  }

  /** Stops everything and deletes the temporary folder; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      shop.close();
      server.close();
    } finally {
      sandbox.close();
      delete(dataDirectory);
    }
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("parley-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's temporary folder", e);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
