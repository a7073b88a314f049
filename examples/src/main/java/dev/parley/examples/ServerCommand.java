package dev.parley.examples;

import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ConfigurationException;
import dev.parley.bot.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code server}: runs the example concierge bot (after-sales and concierge requests, English and
 * French, handoff to the agent inbox) on the bot server, configured from the environment as
 * DESIGN.md's runtime contract says. Stops gracefully on Ctrl-C or SIGTERM.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Runs the example concierge bot on the bot server.", "",
        "Configured from the environment:",
        "  PARLEY_APP_SECRET, PARLEY_VERIFY_TOKEN        required",
        "  PARLEY_MESSENGER_PAGE_ID/_PAGE_TOKEN           Messenger (off when unset)",
        "  PARLEY_WHATSAPP_PHONE_NUMBER_ID/_TOKEN         WhatsApp (off when unset)",
        "  PARLEY_PORT (8080), PARLEY_DB_URL (H2 file under ./parley-data),",
        "  PARLEY_GRAPH_API_BASE, PARLEY_AGENT_TOKENS (name:token,...),",
        "  STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE (payments off without the key)"})
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--idle-hand-back", paramLabel = "MINUTES", defaultValue = "30",
      description = "Minutes without activity after which people give a conversation back to the bot (default: ${DEFAULT-VALUE}).")
  long idleMinutes;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "parley-data",
      description = "Where the embedded store lives when PARLEY_DB_URL is unset (default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  /** The environment, replaced in tests. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws InterruptedException {
    BotService service;
    try {
      ServerConfig config = ServerConfig.fromEnvironment(environment, dataDirectory);
      service = ExampleService.builder(config).idleHandBack(Duration.ofMinutes(idleMinutes)).build().start();
    } catch (ConfigurationException e) {
      System.err.println("parley server: " + e.getMessage());
      return 2;
    }
    System.out.println("Parley bot server listening on port " + service.port()
        + " (webhooks at /webhooks/meta, inbox API at /inbox/api/, health at /healthz)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "parley-shutdown"));
    stopped.await();
    return 0;
  }
}
