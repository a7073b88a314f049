package dev.parley.examples;

import dev.parley.examples.demo.DemoPlatforms;
import dev.parley.testkit.PlatformSandbox;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-examples.jar sandbox}: the platform sandbox on its own, for a bot server or a shell
 * to talk to instead of Meta and Stripe. It prints what it runs and the environment that points the
 * bot server at it, and stops on Ctrl-C.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Runs the platform sandbox (Graph API and Stripe on localhost) until Ctrl-C.",
        "It has the demo shop's Messenger page, WhatsApp number and templates; its customers write to "
            + "the Meta webhook URL and its Stripe events go to the Stripe webhook URL."})
public final class SandboxCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9000", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 to reach it from other hosts. Default: ${DEFAULT-VALUE}.")
  String bindAddress;

  @Option(names = "--meta-webhook", defaultValue = "http://127.0.0.1:8080/webhooks/meta",
      description = "Where customers' messages go. Default: ${DEFAULT-VALUE}.")
  String metaWebhookUrl;

  @Option(names = "--stripe-webhook", defaultValue = "http://127.0.0.1:8080/webhooks/stripe",
      description = "Where Stripe events go. Default: ${DEFAULT-VALUE}.")
  String stripeWebhookUrl;

  @Override
  public Integer call() throws InterruptedException {
    PlatformSandbox sandbox = DemoPlatforms.sandbox()
        .port(port)
        .bindAddress(bindAddress)
        .metaWebhookUrl(metaWebhookUrl)
        .stripeWebhookUrl(stripeWebhookUrl)
        .start()
        .closeOnShutdown();
    System.out.print(sandbox.summary());
    System.out.println();
    System.out.println("Run the bot server against it (these are the sandbox's own keys, not secrets):");
    DemoPlatforms.sandboxVariables(sandbox).forEach((name, value) -> System.out.println("  export " + name + "=" + value));
    System.out.println("  export PARLEY_AGENT_TOKENS=claire:choose-a-token-of-16-characters");
    System.out.println("  java -jar examples/target/parley-examples.jar server");
    System.out.println();
    System.out.println("Ctrl-C stops the sandbox.");
    sandbox.awaitClose();
    return 0;
  }
}
