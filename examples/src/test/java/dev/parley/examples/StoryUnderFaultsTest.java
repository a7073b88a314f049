package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.examples.demo.Demo;
import dev.parley.testkit.Fault;
import dev.parley.testkit.PlatformSandbox;
import dev.parley.testkit.RecordedRequest;
import dev.parley.testkit.SentMessage;
import dev.parley.testkit.WebhookDelivery;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole story with the platforms misbehaving: the Send API answers 503, 429 with Retry-After, and
 * drops connections; every webhook (Meta's and Stripe's) arrives twice, and Stripe's refund events
 * arrive newest first. The customers must receive exactly what they receive when nothing goes wrong:
 * every message once (retries and the outbox's dedup keys), no double reply (webhook dedup).
 */
class StoryUnderFaultsTest {

  @Test
  void customersReceiveExactlyTheSameMessagesWhenThePlatformsMisbehave() {
    Map<String, List<String>> calm = tell(false);
    Map<String, List<String>> stormy = tell(true);
    assertEquals(calm, stormy);
  }

  /** Tells the story and returns what each customer received, as kind, tag and choices, in order. */
  private static Map<String, List<String>> tell(boolean faults) {
    ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
    try (Demo demo = Demo.start(ConciergeBot::create, 0)) {
      PlatformSandbox sandbox = demo.sandbox();
      if (faults) {
        sandbox.inject(Fault.serverError(503).onPath("*/messages").times(3));
        sandbox.inject(Fault.rateLimited(Duration.ofSeconds(1)).onPath("*/messages").times(2));
        sandbox.inject(Fault.dropConnection().onPath("*/messages").times(2));
        sandbox.inject(Fault.duplicateWebhooks());
        sandbox.inject(Fault.reorderWebhooks(2).onPath("/webhooks/stripe"));
        // Held Stripe events go out (newest first) as soon as a second one joins them, or within 200 ms.
        releaser.scheduleWithFixedDelay(sandbox::releaseHeldWebhooks, 200, 200, TimeUnit.MILLISECONDS);
      }
      demo.tell(new PrintStream(OutputStream.nullOutputStream()), false);
      sandbox.awaitWebhooks(Duration.ofSeconds(5));
      if (faults) {
        List<Integer> answers = sandbox.requests("*/messages").stream().map(RecordedRequest::responseStatus).toList();
        assertTrue(answers.contains(503) && answers.contains(429) && answers.contains(0), "faults happened: " + answers);
        List<WebhookDelivery> webhooks = sandbox.webhookDeliveries();
        assertTrue(webhooks.stream().anyMatch(WebhookDelivery::duplicate), "webhooks were duplicated");
        webhooks.forEach(d -> assertTrue(d.accepted(), () -> "every delivery answered 2xx: " + d));
      }
      return sandbox.sentMessages().stream().collect(Collectors.groupingBy(SentMessage::recipientId,
          Collectors.mapping(m -> m.kind() + "|" + m.tag() + "|" + m.choices(), Collectors.toList())));
    } finally {
      releaser.shutdownNow();
    }
  }
}
