package dev.parley.examples;

import dev.parley.examples.demo.Demo;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-examples.jar demo}: the whole of Parley on localhost, told as a story on Messenger and
 * WhatsApp and printed as a transcript (in colour on a terminal); {@code demo --serve} then keeps
 * everything running for a person to try the inbox. Exits 0 when the story ran to its end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the platform sandbox and the bot server, and tells the whole story on both channels:",
        "order, payment button, payment, receipt, a shipping update a day later, a delivery problem in French,",
        "the bot's questions, a concierge task, handoff, an agent's reply and partial refund, hand-back."})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--serve", description = "Keep everything running after the story, and print the inbox's address "
      + "and an agent token.")
  boolean serve;

  @Option(names = "--port", description = "Port of the bot server (default: 8080 with --serve, any free port without).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the transcript is the output
    }
    boolean colour = System.console() != null && System.getenv("NO_COLOR") == null
        && !"dumb".equals(System.getenv("TERM"));
    Demo demo = Demo.start(ConciergeBot::create, port != null ? port : serve ? 8080 : 0);
    try {
      demo.tell(System.out, colour);
      System.out.printf("%nThe story ran in %.1f s: the sandbox accepted %d messages and delivered %d webhooks.%n",
          (System.nanoTime() - started) / 1e9, demo.sandbox().sentMessages().size(),
          demo.sandbox().webhookDeliveries().size());
      if (serve) {
        demo.leaveCustomerWaiting(System.out, colour);
        System.out.println();
        System.out.println("Everything keeps running. Open the inbox and sign in with the agent token:");
        System.out.println("  inbox:        " + demo.serverUri() + "/inbox");
        System.out.println("  agent token:  " + demo.agentToken() + "   (agent \"" + demo.agentName() + "\", this run only)");
        System.out.println("  sandbox:      " + demo.sandbox().graphBaseUrl() + "/_sandbox/  (play customers with curl)");
        System.out.println("Camille is waiting in the queue. Ctrl-C stops everything.");
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "parley-demo-shutdown"));
        new CountDownLatch(1).await(); // until Ctrl-C: the hook closes everything
      }
    } finally {
      demo.close();
    }
    return 0;
  }
}
